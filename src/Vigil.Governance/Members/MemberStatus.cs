namespace Vigil.Governance.Members;

/// <summary>Where a person stands in the group.</summary>
public enum MemberStatus
{
    /// <summary>A member: counts for the employer cap and votes.</summary>
    Active,

    /// <summary>Offboarded for inactivity (or by choice): listed, no roles, no vote; may come back within the grace period.</summary>
    Emeritus,

    /// <summary>Left the group (or the grace period passed without a return): not listed as a member.</summary>
    Left,
}
