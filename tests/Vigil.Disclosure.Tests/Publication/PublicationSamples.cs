using Vigil.Disclosure.Publication;
using Vigil.Disclosure.Reports;
using Vigil.Domain.Osv;

namespace Vigil.Disclosure.Tests.Publication;

internal static class PublicationSamples
{
    public static readonly DateTimeOffset PublishedAt = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly CnaIdentity Cna = new(Guid.Parse("b3476cb9-2e3d-41a6-98d0-0f47421a65b6"), "nodejs-wg");

    public static PublicationInput Input(CveAssignment? cve = null) => new()
    {
        AdvisoryId = "NSWG-ECO-520",
        Cve = cve ?? new CveAssignment("CVE-2026-1001"),
        PublishedAt = PublishedAt,
        Credits =
        [
            new PublicationCredit("Alice", PublicationCredit.TypeOf(ParticipantRole.Reporter), ["mailto:alice@example.org"]),
            new PublicationCredit("Max", PublicationCredit.TypeOf(ParticipantRole.Maintainer)),
            new PublicationCredit("Tom", OsvCreditType.Coordinator),
        ],
        References = [new Uri("https://vigil.example/advisories/NSWG-ECO-520"), new Uri("https://github.com/example/left-pad/commit/abc")],
    };

    public static VulnerabilityReport Published(ReportDraft? draft = null)
    {
        var report = Samples.Submitted(draft: draft);
        return Samples.InState(ReportState.Published) with { Details = report.Details };
    }
}
