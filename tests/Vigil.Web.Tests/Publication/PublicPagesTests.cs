using System.Net;
using System.Xml.Linq;
using Vigil.Data.Advisories;
using Vigil.Domain.Osv;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Publication;

/// <summary>
/// The public advisory pages and feed, to anyone: the imported and the published advisories, newest first; never a
/// report that is not published (a canary in its title and text must not appear anywhere public).
/// </summary>
public sealed class PublicPagesTests
{
    private const string Canary = "CANARY-5d1e0b7f";
    private const string Atom = "http://www.w3.org/2005/Atom";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Anyone_sees_published_and_imported_advisories_newest_first_and_never_an_unpublished_report(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        PublicationSteps.Store(factory).Import([
            new(PublicationSteps.Imported("GHSA-2222-3333-4444", "2024-02-01T00:00:00Z", "Imported ReDoS in parse-things", package: "parse-things", aliases: ["CVE-2024-9999"]), "osv"),
        ]);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var published = await ReportSteps.SubmitAsync(reporter);
        await PublicationSteps.FixAsync(factory, triager, published);
        await PublicationSteps.PublishAsync(factory, triager, published);
        var secret = await ReportSteps.SubmitAsync(reporter, ReportSteps.ValidForm(title: $"{Canary} unpublished flaw", description: $"{Canary} in the text"));
        var (accepted, _) = await ReportSteps.TransitionAsync(triager, secret, "Accept");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        using var anyone = factory.Browser();
        var (list, listBody) = await anyone.GetAsync("/advisories");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        int mine = listBody.IndexOf(">NSWG-ECO-1<", StringComparison.Ordinal);
        int imported = listBody.IndexOf(">GHSA-2222-3333-4444<", StringComparison.Ordinal);
        Assert.True(mine > 0 && imported > mine, "the published advisory first, then the older imported one");
        Assert.Contains("Prototype pollution in padStart", listBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, listBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", listBody, StringComparison.OrdinalIgnoreCase);

        var (_, search) = await anyone.GetAsync("/advisories?q=" + Canary);
        Assert.Contains("No advisory matches", search, StringComparison.Ordinal);
        var (_, byText) = await anyone.GetAsync("/advisories?q=REDOS");
        Assert.Contains("GHSA-2222-3333-4444", byText, StringComparison.Ordinal);
        Assert.DoesNotContain("NSWG-ECO-1", byText, StringComparison.Ordinal);
        var (_, byPackage) = await anyone.GetAsync("/advisories?package=left-pad");
        Assert.Contains(">NSWG-ECO-1<", byPackage, StringComparison.Ordinal);
        Assert.DoesNotContain("GHSA-2222-3333-4444", byPackage, StringComparison.Ordinal);
        var (badPage, badPageBody) = await anyone.GetAsync("/advisories?page=-3");
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        Assert.Contains("page: must be a whole number", badPageBody, StringComparison.Ordinal);
        var (tooLong, tooLongBody) = await anyone.GetAsync("/advisories?q=" + new string('x', 201));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("q: at most 200 characters", tooLongBody, StringComparison.Ordinal);
        var (_, pageTwo) = await anyone.GetAsync("/advisories?page=2");
        Assert.Contains("No advisory matches", pageTwo, StringComparison.Ordinal);

        var (detail, detailBody) = await anyone.GetAsync("/advisories/NSWG-ECO-1");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        foreach (string expected in new[] { "Prototype pollution in padStart", "<code>left-pad</code>", "&lt;1.3.1", "1.3.1", ReportSteps.Vector, "9.8 critical", "CWE-1321", "<dt>CVE</dt><dd>requested</dd>", "Anonymous — finder", "Anonymous — coordinator", "https://vigil.test/advisories/NSWG-ECO-1", "<strong>pollutes</strong>" })
        {
            Assert.True(detailBody.Contains(expected, StringComparison.Ordinal), $"{expected} is not on the page:\n{detailBody}");
        }

        Assert.DoesNotContain("reporter@example.org", detailBody, StringComparison.Ordinal);
        Assert.DoesNotContain("triager@example.org", detailBody, StringComparison.Ordinal);
        var (byAlias, _) = await anyone.GetAsync("/advisories/cve-2024-9999");
        Assert.Equal(HttpStatusCode.Redirect, byAlias.StatusCode);
        Assert.Equal("/advisories/GHSA-2222-3333-4444", byAlias.Headers.Location!.OriginalString);
        foreach (string missing in new[] { $"/advisories/{secret}", $"/advisories/{published}", "/advisories/NSWG-ECO-2", "/advisories/" + Canary })
        {
            var (notFound, notFoundBody) = await anyone.GetAsync(missing);
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
            Assert.DoesNotContain(Canary + " ", notFoundBody, StringComparison.Ordinal);
        }

        var (feed, feedBody) = await anyone.GetAsync("/advisories/feed.atom");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain(Canary, feedBody, StringComparison.Ordinal);
        var document = XDocument.Parse(feedBody);
        XNamespace atom = Atom;
        Assert.Equal(atom + "feed", document.Root!.Name);
        foreach (string required in new[] { "id", "title", "updated", "author" })
        {
            Assert.NotNull(document.Root.Element(atom + required));
        }

        var entries = document.Root.Elements(atom + "entry").ToList();
        Assert.Equal(["https://vigil.test/advisories/NSWG-ECO-1", "https://vigil.test/advisories/GHSA-2222-3333-4444"], entries.Select(e => e.Element(atom + "id")!.Value));
        Assert.All(entries, e =>
        {
            Assert.NotNull(e.Element(atom + "title"));
            Assert.True(DateTimeOffset.TryParse(e.Element(atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture, out _));
        });
        Assert.Contains("NSWG-ECO-1: Prototype pollution in padStart", entries[0].Element(atom + "title")!.Value, StringComparison.Ordinal);

        // Entry ids are stable: the same on the next fetch.
        var (_, again) = await anyone.GetAsync("/advisories/feed.atom");
        Assert.Equal(entries.Select(e => e.Element(atom + "id")!.Value), XDocument.Parse(again).Root!.Elements(atom + "entry").Select(e => e.Element(atom + "id")!.Value));
    }

    [Fact]
    public async Task Hostile_advisory_texts_render_inert_on_the_pages_and_the_feed_stays_valid_XML()
    {
        using var factory = new PlatformFactory();
        var payloads = XssTests.Payloads.Select(row => row.Data).ToList();
        var records = payloads.Select((payload, i) => PublicationSteps.Imported($"HOSTILE-{i}", $"2025-01-01T00:00:{i % 60:00}Z", payload + "\u0001", details: payload, package: "evil-" + i) with
        {
            References = [new OsvReference { Type = OsvReferenceType.Web, Url = "javascript:alert(1)" }, new OsvReference { Type = OsvReferenceType.Web, Url = payload }],
            Credits = [new OsvCredit { Name = payload, Type = OsvCreditType.Finder }],
            Aliases = [payload],
        }).ToList();
        PublicationSteps.Store(factory).Import(records.Select(r => new AdvisoryImport(r, "osv")));

        // A published report carrying the payloads too.
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter, ReportSteps.ValidForm(title: "<script>alert(1)</script> title", description: string.Join("\n\n", payloads)));
        await PublicationSteps.FixAsync(factory, triager, id);
        await PublicationSteps.PublishAsync(factory, triager, id);

        using var anyone = factory.Browser();
        var (list, listBody) = await anyone.GetAsync("/advisories?page=1");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        XssTests.AssertInert(listBody, "/advisories");
        foreach (string path in records.Select(r => "/advisories/" + r.Id).Append("/advisories/NSWG-ECO-1"))
        {
            var (page, body) = await anyone.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            XssTests.AssertInert(body, path);
            Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
        }

        var (feed, feedBody) = await anyone.GetAsync("/advisories/feed.atom");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        var document = XDocument.Parse(feedBody);
        XNamespace atom = Atom;
        Assert.Equal(payloads.Count + 1, document.Root!.Elements(atom + "entry").Count());
        Assert.DoesNotContain(document.Descendants(), e => e.Name.Namespace != atom);
    }
}
