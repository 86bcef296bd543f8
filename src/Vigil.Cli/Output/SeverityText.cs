using System.Globalization;
using Vigil.Domain.Cvss;
using Vigil.Domain.Osv;

namespace Vigil.Cli.Output;

/// <summary>An OSV severity entry as text: the score and rating computed from the vector, then the vector.</summary>
static class SeverityText
{
    public static string Describe(OsvSeverity severity)
    {
        if (CvssVector.TryParse(severity.Score, out var vector, out _))
        {
            var s = vector.Scores;
            return $"{s.Score.ToString("0.0", CultureInfo.InvariantCulture)} {s.SeverityName} ({vector.Text})";
        }

        return $"{severity.Type} {severity.Score}";
    }
}
