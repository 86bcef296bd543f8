using Vigil.Advisories.Nswg;
using Vigil.Advisories.Nswg.Conversion;
using Vigil.Domain.Osv;

namespace Vigil.Advisories.Import;

/// <summary>Reads a WG record file and converts it to OSV (docs/adr/0003-working-group-records-as-osv.md).</summary>
internal static class WorkingGroupParser
{
    public static (ParsedAdvisory?, IReadOnlyList<AdvisoryProblem>) Parse(AdvisoryDocument document, DateTimeOffset importTime)
    {
        var (kind, source) = document.Format switch
        {
            AdvisoryFormat.NswgNpm => (NswgKind.Npm, "nswg-npm"),
            AdvisoryFormat.NswgCore => (NswgKind.Core, "nswg-core"),
            AdvisoryFormat.NswgDeps => (NswgKind.Deps, "nswg-deps"),
            _ => throw new ArgumentException("Not a WG document.", nameof(document)),
        };

        var read = NswgReader.Read(document.Content.Span, document.Location, kind);
        if (!read.Succeeded)
        {
            var e = read.Error;
            return (null, [new AdvisoryProblem(e.Line > 0 ? $"{e.Source}:{e.Line}:{e.Column}" : e.Source, e.Reason)]);
        }

        if (NswgPath.FileNumber(document.Location) is not { } number)
        {
            return (null, [new AdvisoryProblem(document.Location, "a WG record's file is named N.json, N being the record's number")]);
        }

        var converted = NswgToOsv.Convert(read.Record, number, OsvTimestamp.FromDateTimeOffset(importTime));
        var warnings = converted.Warnings.Select(w => new AdvisoryProblem(document.Location, $"{w.Field}: {w.Message}")).ToList();
        if (!converted.Succeeded)
        {
            return (null, [.. warnings, new AdvisoryProblem(document.Location, $"{converted.Error.Field}: {converted.Error.Message}")]);
        }

        return (new ParsedAdvisory(converted.Record, source, ModifiedByImport: kind != NswgKind.Npm, document.Location), warnings);
    }
}
