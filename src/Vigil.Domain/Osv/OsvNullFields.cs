namespace Vigil.Domain.Osv;

/// <summary>
/// The arrays the schema allows to be JSON <c>null</c>, remembered when a record spelled them so, because the
/// model has no third state between "absent" (null) and a list. The writer writes <c>null</c> back for a
/// flagged property only while that property is still null.
/// </summary>
[Flags]
internal enum OsvNullFields
{
    None = 0,
    Aliases = 1,
    Severity = 2,
    Affected = 4,
    References = 8,
}
