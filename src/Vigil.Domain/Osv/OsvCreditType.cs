namespace Vigil.Domain.Osv;

/// <summary>The role of a credited person or entity (<c>credits[].type</c>).</summary>
public enum OsvCreditType
{
    /// <summary>A value the schema does not define; the original text is kept in <see cref="OsvEnumValue{TEnum}.Text"/>.</summary>
    Unknown = 0,

    /// <summary><c>FINDER</c>: identified the vulnerability.</summary>
    Finder,

    /// <summary><c>REPORTER</c>: notified the vendor or a CNA.</summary>
    Reporter,

    /// <summary><c>ANALYST</c>: validated the vulnerability.</summary>
    Analyst,

    /// <summary><c>COORDINATOR</c>: facilitated the coordinated response.</summary>
    Coordinator,

    /// <summary><c>REMEDIATION_DEVELOPER</c>: prepared the fix or remediation.</summary>
    RemediationDeveloper,

    /// <summary><c>REMEDIATION_REVIEWER</c>: reviewed the remediation.</summary>
    RemediationReviewer,

    /// <summary><c>REMEDIATION_VERIFIER</c>: tested and verified the remediation.</summary>
    RemediationVerifier,

    /// <summary><c>TOOL</c>: a tool used to find the vulnerability.</summary>
    Tool,

    /// <summary><c>SPONSOR</c>: supported the identification or remediation.</summary>
    Sponsor,

    /// <summary><c>OTHER</c>: any other role.</summary>
    Other,
}
