namespace Vigil.Disclosure.Publication;

/// <summary>The CVE Numbering Authority that assigns the ids and submits the records, from configuration.</summary>
/// <param name="OrgId">The CNA's organisation UUID in CVE Services.</param>
/// <param name="ShortName">Its short name, 2 to 32 characters.</param>
public sealed record CnaIdentity(Guid OrgId, string ShortName);
