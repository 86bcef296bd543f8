using System.Globalization;

namespace Vigil.Disclosure.Cwe;

/// <summary>One weakness of MITRE's Common Weakness Enumeration: its number and its name.</summary>
/// <param name="Number">The CWE number, e.g. 79.</param>
/// <param name="Name">MITRE's name of the weakness.</param>
public sealed record CweEntry(int Number, string Name)
{
    /// <summary>The CWE id as written in advisories, e.g. <c>CWE-79</c>.</summary>
    public string Id => "CWE-" + Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id and the name, e.g. <c>CWE-79 Improper Neutralization…</c>, as CVE problem types write them.</summary>
    public override string ToString() => Id + " " + Name;
}
