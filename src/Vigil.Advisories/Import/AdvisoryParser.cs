using Vigil.Domain.Osv;

namespace Vigil.Advisories.Import;

/// <summary>Reads one document into an OSV record, or says exactly what is wrong with it.</summary>
public static class AdvisoryParser
{
    /// <summary>
    /// Reads <paramref name="document"/>. WG records without a modification time get <paramref name="importTime"/>.
    /// </summary>
    public static (ParsedAdvisory? Advisory, IReadOnlyList<AdvisoryProblem> Problems) Parse(AdvisoryDocument document, DateTimeOffset importTime)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Format switch
        {
            AdvisoryFormat.Osv => ParseOsv(document),
            AdvisoryFormat.NodeReleaseSchedule => throw new ArgumentException("A release schedule is not an advisory.", nameof(document)),
            _ => WorkingGroupParser.Parse(document, importTime),
        };
    }

    private static (ParsedAdvisory?, IReadOnlyList<AdvisoryProblem>) ParseOsv(AdvisoryDocument document)
    {
        if (!OsvJson.TryRead(document.Content.Span, document.Location, out var record, out var error))
        {
            return (null, [new AdvisoryProblem($"{document.Location}:{error!.Line}:{error.Column}", error.Reason)]);
        }

        var problems = OsvChecks.Problems(record!);
        return problems.Count > 0
            ? (null, [.. problems.Select(p => new AdvisoryProblem(document.Location, p))])
            : (new ParsedAdvisory(record!, AdvisorySources.Of(record!), ModifiedByImport: false, document.Location), []);
    }
}
