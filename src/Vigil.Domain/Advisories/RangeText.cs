using Vigil.Domain.Osv;

namespace Vigil.Domain.Advisories;

/// <summary>OSV range events written the way npm users read ranges: <c>&gt;=1.0.0 &lt;1.2.3 || &gt;=2.0.0</c>.</summary>
public static class RangeText
{
    /// <summary>The affected entry's ranges and listed versions as one npm-style range.</summary>
    public static string Describe(OsvAffected affected)
    {
        ArgumentNullException.ThrowIfNull(affected);
        var parts = new List<string>();
        foreach (var range in affected.Ranges ?? [])
        {
            string? lower = null;
            foreach (var e in range.Events)
            {
                switch (e.Kind.Value)
                {
                    case OsvEventKind.Introduced:
                        if (lower is not null)
                        {
                            parts.Add(lower);
                        }

                        lower = e.Version == "0" ? string.Empty : ">=" + e.Version;
                        break;
                    case OsvEventKind.Fixed or OsvEventKind.LastAffected:
                        string upper = (e.Kind.Value == OsvEventKind.Fixed ? "<" : "<=") + e.Version;
                        parts.Add(string.IsNullOrEmpty(lower) ? upper : $"{lower} {upper}");
                        lower = null;
                        break;
                }
            }

            if (lower is not null)
            {
                parts.Add(lower.Length == 0 ? "*" : lower);
            }
        }

        parts.AddRange(affected.Versions ?? []);
        return parts.Count == 0 ? "(no versions)" : string.Join(" || ", parts);
    }
}
