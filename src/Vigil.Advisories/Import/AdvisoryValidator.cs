using Vigil.Advisories.Nswg;
using Vigil.Domain.Cvss;
using Vigil.Domain.NodeReleases;
using Vigil.Domain.Osv;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Advisories.Import;

/// <summary>
/// Checks advisory files without importing them: WG records by the WG's CI rules and Vigil's (ranges parse,
/// CVSS vectors and scores agree, patched and vulnerable ranges do not overlap), OSV records by the schema's
/// shape, valid times and ids, readable range events and valid CVSS vectors.
/// </summary>
public static class AdvisoryValidator
{
    /// <summary>Every problem with one document, as <c>file: field: message</c> (or <c>file:line:column: reason</c>).</summary>
    public static IReadOnlyList<AdvisoryProblem> Validate(AdvisoryDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Format switch
        {
            AdvisoryFormat.Osv => ValidateOsv(document),
            AdvisoryFormat.NodeReleaseSchedule => ReleaseSchedule.TryParse(document.Content.Span, out _, out var error)
                ? []
                : [new AdvisoryProblem(error.Location(document.Location), error.Reason)],
            _ => ValidateWorkingGroup(document),
        };
    }

    private static List<AdvisoryProblem> ValidateWorkingGroup(AdvisoryDocument document)
    {
        var kind = document.Format switch
        {
            AdvisoryFormat.NswgNpm => NswgKind.Npm,
            AdvisoryFormat.NswgCore => NswgKind.Core,
            _ => NswgKind.Deps,
        };
        var read = NswgReader.Read(document.Content.Span, document.Location, kind);
        if (!read.Succeeded)
        {
            var e = read.Error;
            return [new AdvisoryProblem(e.Line > 0 ? $"{e.Source}:{e.Line}:{e.Column}" : e.Source, e.Reason)];
        }

        return [.. NswgValidator.Default.Validate(read.Record, document.Location)
            .Select(f => new AdvisoryProblem(f.Source, $"{f.Field}: {f.Message}"))];
    }

    private static List<AdvisoryProblem> ValidateOsv(AdvisoryDocument document)
    {
        if (!OsvJson.TryRead(document.Content.Span, document.Location, out var record, out var error))
        {
            return [new AdvisoryProblem($"{document.Location}:{error!.Line}:{error.Column}", error.Reason)];
        }

        var problems = OsvChecks.Problems(record!).Select(p => new AdvisoryProblem(document.Location, p)).ToList();
        Severities(document.Location, "severity", record!.Severity, problems);
        var affected = record.Affected ?? [];
        for (int i = 0; i < affected.Count; i++)
        {
            Severities(document.Location, $"affected[{i}].severity", affected[i].Severity, problems);
            if (affected[i].Package?.Ecosystem is "npm" or "Node.js")
            {
                problems.AddRange(AffectedVersions.Compile(affected[i]).Problems
                    .Select(p => new AdvisoryProblem(document.Location, $"affected[{i}].ranges: {p}")));
            }
        }

        return problems;
    }

    private static void Severities(string location, string field, IReadOnlyList<OsvSeverity>? severities, List<AdvisoryProblem> problems)
    {
        var list = severities ?? [];
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].Type.Value is OsvSeverityType.CvssV3 or OsvSeverityType.CvssV4 &&
                !CvssVector.TryParse(list[i].Score, out _, out string? reason))
            {
                problems.Add(new AdvisoryProblem(location, $"{field}[{i}].score: '{list[i].Score}' is not a valid CVSS vector: {reason}"));
            }
        }
    }
}
