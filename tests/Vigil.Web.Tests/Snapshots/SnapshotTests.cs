using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Advisories;
using Vigil.Testing;
using Vigil.Web.Features.Snapshots;
using Vigil.Web.Tests.Publication;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Snapshots;

/// <summary>
/// The downloads of the whole database, with the WG's real data loaded: osv.dev's bucket layout under <c>/osv/</c>,
/// the WG's folders at <c>/nswg/all.zip</c>, each built once per change of the database, validated by entity tags,
/// checked by <c>Repr-Digest</c>, and the feed's validators. Both engines.
/// </summary>
public sealed partial class SnapshotTests
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z,(npm|Node\.js|\[EMPTY\])/NSWG-(ECO|COR|DEP)-\d+$")]
    private static partial Regex RootIndexLine();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z,NSWG-ECO-\d+$")]
    private static partial Regex NpmIndexLine();

    /// <summary>A server holding the WG's real database.</summary>
    private static async Task<PlatformFactory> ServerWithWgDataAsync(string engine)
    {
        var factory = await PlatformFactory.OnAsync(engine);
        var report = new AdvisoryImporter(PublicationSteps.Store(factory), TimeProvider.System).Import([SharedData.NodejsSecurityWg]);
        Assert.Equal(0, report.Rejected);
        return factory;
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task All_zip_holds_every_record_at_its_root_and_is_built_once_per_change(string engine)
    {
        using var factory = await ServerWithWgDataAsync(engine);
        using var client = factory.CreateClient();
        var store = PublicationSteps.Store(factory);
        int count = store.Statistics().Advisories is var n ? (int)n : 0;

        using var response = await client.GetAsync("/osv/all.zip", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        byte[] zip = await response.Content.ReadAsByteArrayAsync(Cancel);
        AssertDigest(response, zip);
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            Assert.Equal(count, archive.Entries.Count);
            Assert.Equal(archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal), archive.Entries.Select(e => e.FullName));
            foreach (var entry in archive.Entries)
            {
                Assert.DoesNotContain('/', entry.FullName);
                using var json = JsonDocument.Parse(entry.Open());
                Assert.Equal(entry.FullName[..^".json".Length], json.RootElement.GetProperty("id").GetString());
            }
        }

        var tag = response.Headers.ETag!;
        Assert.False(tag.IsWeak);
        Assert.NotNull(response.Content.Headers.LastModified);
        using (var again = new HttpRequestMessage(HttpMethod.Get, "/osv/all.zip"))
        {
            again.Headers.IfNoneMatch.Add(tag);
            using var notModified = await client.SendAsync(again, Cancel);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        using (var range = new HttpRequestMessage(HttpMethod.Get, "/osv/all.zip"))
        {
            range.Headers.Range = new RangeHeaderValue(0, 99);
            using var part = await client.SendAsync(range, Cancel);
            Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
            Assert.Equal(zip[..100], await part.Content.ReadAsByteArrayAsync(Cancel));
        }

        var cache = factory.Services.GetRequiredService<SnapshotCache>();
        Assert.Equal(1, cache.Builds);

        store.Import([new(PublicationSteps.Imported("GHSA-2222-3333-4444", "2026-02-01T00:00:00Z", "A new one", package: "parse-things"), "osv")]);
        using (var changed = new HttpRequestMessage(HttpMethod.Get, "/osv/all.zip"))
        {
            changed.Headers.IfNoneMatch.Add(tag);
            using var fresh = await client.SendAsync(changed, Cancel);
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.NotEqual(tag, fresh.Headers.ETag);
            using var archive = new ZipArchive(new MemoryStream(await fresh.Content.ReadAsByteArrayAsync(Cancel)));
            Assert.Equal(count + 1, archive.Entries.Count);
            Assert.NotNull(archive.GetEntry("GHSA-2222-3333-4444.json"));
        }

        using (await client.GetAsync("/osv/modified_id.csv", Cancel))
        {
            Assert.Equal(2, cache.Builds);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_indexes_are_osv_devs_newest_first_and_compressed_when_asked(string engine)
    {
        using var factory = await ServerWithWgDataAsync(engine);
        using var client = factory.CreateClient();

        using var plain = await client.GetAsync("/osv/modified_id.csv", Cancel);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("text/csv", plain.Content.Headers.ContentType!.MediaType);
        byte[] bytes = await plain.Content.ReadAsByteArrayAsync(Cancel);
        AssertDigest(plain, bytes);
        string[] lines = Encoding.UTF8.GetString(bytes).Split('\n');
        Assert.Equal(string.Empty, lines[^1]);
        lines = lines[..^1];
        Assert.All(lines, line => Assert.Matches(RootIndexLine(), line));
        var times = lines.Select(l => DateTimeOffset.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.Equal((int)PublicationSteps.Store(factory).Statistics().Advisories, lines.Length);
        Assert.Contains(lines, l => l.EndsWith(",npm/NSWG-ECO-368", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(",[EMPTY]/NSWG-DEP-1", StringComparison.Ordinal));

        using (var gzipRequest = new HttpRequestMessage(HttpMethod.Get, "/osv/modified_id.csv"))
        {
            gzipRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var gzipped = await client.SendAsync(gzipRequest, Cancel);
            Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", gzipped.Headers.Vary);
            byte[] compressed = await gzipped.Content.ReadAsByteArrayAsync(Cancel);
            Assert.True(compressed.Length < bytes.Length / 3, $"{compressed.Length} bytes compressed, {bytes.Length} plain");
            AssertDigest(gzipped, compressed);
            Assert.NotEqual(plain.Headers.ETag, gzipped.Headers.ETag);
            using var inflate = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            await inflate.CopyToAsync(inflated, Cancel);
            Assert.Equal(bytes, inflated.ToArray());
        }

        string npm = await client.GetStringAsync("/osv/npm/modified_id.csv", Cancel);
        var npmLines = npm.TrimEnd('\n').Split('\n');
        Assert.All(npmLines, line => Assert.Matches(NpmIndexLine(), line));
        Assert.Equal(lines.Count(l => l.Contains(",npm/", StringComparison.Ordinal)), npmLines.Length);

        Assert.Equal("Node.js\n[EMPTY]\nnpm\n", await client.GetStringAsync("/osv/ecosystems.txt", Cancel));

        using var npmZip = await client.GetAsync("/osv/npm/all.zip", Cancel);
        using (var archive = new ZipArchive(new MemoryStream(await npmZip.Content.ReadAsByteArrayAsync(Cancel))))
        {
            Assert.Equal(npmLines.Length, archive.Entries.Count);
            Assert.All(archive.Entries, e => Assert.StartsWith("NSWG-ECO-", e.FullName, StringComparison.Ordinal));
        }

        using var core = await client.GetAsync("/osv/Node.js/all.zip", Cancel);
        Assert.Equal(HttpStatusCode.OK, core.StatusCode);
        using var empty = await client.GetAsync("/osv/%5BEMPTY%5D/modified_id.csv", Cancel);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        using var unknown = await client.GetAsync("/osv/PyPI/all.zip", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task One_record_is_served_under_its_ecosystem_only(string engine)
    {
        using var factory = await ServerWithWgDataAsync(engine);
        using var client = factory.CreateClient();

        using var record = await client.GetAsync("/osv/npm/NSWG-ECO-368.json", Cancel);
        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        Assert.Equal("application/json", record.Content.Headers.ContentType!.MediaType);
        byte[] body = await record.Content.ReadAsByteArrayAsync(Cancel);
        AssertDigest(record, body);
        using (var json = JsonDocument.Parse(body))
        {
            Assert.Equal("NSWG-ECO-368", json.RootElement.GetProperty("id").GetString());
            Assert.Equal(PublicationSteps.Store(factory).Record("NSWG-ECO-368")!.Json, Encoding.UTF8.GetString(body));
        }

        using (var again = new HttpRequestMessage(HttpMethod.Get, "/osv/npm/NSWG-ECO-368.json"))
        {
            again.Headers.IfNoneMatch.Add(record.Headers.ETag!);
            using var notModified = await client.SendAsync(again, Cancel);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        foreach (string missing in new[] { "/osv/Node.js/NSWG-ECO-368.json", "/osv/npm/NSWG-ECO-99999.json", "/osv/npm/nswg-eco-368.json", "/osv/npm/CVE-2018-3721.json" })
        {
            using var notFound = await client.GetAsync(missing, Cancel);
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        }

        using var core = await client.GetAsync("/osv/Node.js/NSWG-COR-1.json", Cancel);
        Assert.Equal(HttpStatusCode.OK, core.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_wg_download_is_the_wgs_folders_as_the_wg_writes_them(string engine)
    {
        using var factory = await ServerWithWgDataAsync(engine);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/nswg/all.zip", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        byte[] zip = await response.Content.ReadAsByteArrayAsync(Cancel);
        AssertDigest(response, zip);
        using var archive = new ZipArchive(new MemoryStream(zip));
        var originals = new[] { "npm", "core", "deps" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(SharedData.NodejsSecurityWg, folder), "*.json")
                .Where(f => Path.GetFileName(f) != "index.json")
                .Select(f => $"{folder}/{Path.GetFileName(f)}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(originals, archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        foreach (var entry in archive.Entries)
        {
            using var content = new MemoryStream();
            await using (var stream = entry.Open())
            {
                await stream.CopyToAsync(content, Cancel);
            }

            byte[] original = await File.ReadAllBytesAsync(Path.Combine(SharedData.NodejsSecurityWg, entry.FullName), Cancel);
            using var mine = JsonDocument.Parse(content.ToArray());
            using var theirs = JsonDocument.Parse(original);
            Assert.True(JsonElement.DeepEquals(mine.RootElement, theirs.RootElement), $"{entry.FullName} differs from the WG's file");
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_feed_answers_304_until_the_database_changes(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var client = factory.CreateClient();
        var store = PublicationSteps.Store(factory);
        store.Import([new(PublicationSteps.Imported("GHSA-2222-3333-4444", "2026-02-01T00:00:00Z", "First", package: "parse-things"), "osv")]);

        using var first = await client.GetAsync("/advisories/feed.atom", Cancel);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("GHSA-2222-3333-4444", await first.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.NotNull(first.Content.Headers.LastModified);
        using (var again = new HttpRequestMessage(HttpMethod.Get, "/advisories/feed.atom"))
        {
            again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            using var notModified = await client.SendAsync(again, Cancel);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        store.Import([new(PublicationSteps.Imported("GHSA-5555-6666-7777", "2026-03-01T00:00:00Z", "Second", package: "parse-things"), "osv")]);
        using var changed = new HttpRequestMessage(HttpMethod.Get, "/advisories/feed.atom");
        changed.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var fresh = await client.SendAsync(changed, Cancel);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Contains("GHSA-5555-6666-7777", await fresh.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    /// <summary>The body is what <c>Repr-Digest</c> says (RFC 9530: <c>sha-256=:base64:</c>).</summary>
    private static void AssertDigest(HttpResponseMessage response, byte[] body)
    {
        Assert.True(response.Headers.TryGetValues("Repr-Digest", out var values), "no Repr-Digest");
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(body))}:", Assert.Single(values));
    }
}
