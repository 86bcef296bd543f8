namespace Vigil.Domain.Osv;

/// <summary>What a <c>references[]</c> URL points to (<c>references[].type</c>).</summary>
public enum OsvReferenceType
{
    /// <summary>A value the schema does not define; the original text is kept in <see cref="OsvEnumValue{TEnum}.Text"/>.</summary>
    Unknown = 0,

    /// <summary><c>ADVISORY</c>: a published security advisory.</summary>
    Advisory,

    /// <summary><c>ARTICLE</c>: an article or blog post.</summary>
    Article,

    /// <summary><c>DETECTION</c>: a tool, script or rule that detects the vulnerability.</summary>
    Detection,

    /// <summary><c>DISCUSSION</c>: a social media discussion.</summary>
    Discussion,

    /// <summary><c>REPORT</c>: a report on a bug or issue tracker.</summary>
    Report,

    /// <summary><c>FIX</c>: a source browser link to the fix.</summary>
    Fix,

    /// <summary><c>INTRODUCED</c>: a source browser link to the change that introduced the vulnerability.</summary>
    Introduced,

    /// <summary><c>GIT</c>: a Git repository.</summary>
    Git,

    /// <summary><c>PACKAGE</c>: the home page of the package.</summary>
    Package,

    /// <summary><c>EVIDENCE</c>: a demonstration of the vulnerability.</summary>
    Evidence,

    /// <summary><c>WEB</c>: a web page of another kind.</summary>
    Web,
}
