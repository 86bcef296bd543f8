using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Reports;

/// <summary>Submitting a report: the form, the API, validation field by field, attachments, the CVSS score.</summary>
public sealed class SubmissionTests
{
    [Fact]
    public async Task A_valid_report_is_stored_scored_and_shown_to_its_reporter()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var id = await ReportSteps.SubmitAsync(reporter, null, ("notes.txt", "step 1: install\n"u8.ToArray()));

        var stored = await factory.QueryAsync(db => db.Reports.AsNoTracking().SingleAsync());
        Assert.Equal(id, stored.Id);
        Assert.Equal("new", stored.State);
        Assert.Equal("left-pad", stored.PackageName);
        Assert.Equal("CWE-1321", stored.CweId);
        Assert.Equal(9.8m, stored.CvssScore);
        Assert.Equal(1, await factory.QueryAsync(db => db.ReportAttachments.CountAsync()));
        Assert.Equal("reporter", await factory.QueryAsync(db => db.ReportParticipants.Where(p => p.ReportId == id).Select(p => p.Role).SingleAsync()));

        var (page, body) = await reporter.GetAsync($"/reports/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Prototype pollution in padStart", body, StringComparison.Ordinal);
        Assert.Contains("<strong>pollutes</strong>", body, StringComparison.Ordinal);
        Assert.Contains("notes.txt", body, StringComparison.Ordinal);

        var (list, listBody) = await reporter.GetAsync("/reports");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains($"/reports/{id}", listBody, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadFields => new()
    {
        { "Form.PackageName", "", "packageName" },
        { "Form.PackageName", "not a package!", "packageName" },
        { "Form.AffectedVersions", "", "affectedVersions" },
        { "Form.AffectedVersions", ">=2 <1", "affectedVersions" },
        { "Form.AffectedVersions", "banana", "affectedVersions" },
        { "Form.CweId", "", "cweId" },
        { "Form.CweId", "CWE-999999", "cweId" },
        { "Form.Title", "", "title" },
        { "Form.Title", new string('t', 151), "title" },
        { "Form.Title", "two\nlines", "title" },
        { "Form.Description", "", "description" },
        { "Form.Description", new string('d', 50_001), "description" },
        { "Form.ProofOfConcept", "bell\u0007", "proofOfConcept" },
        { "Form.CvssVector", "CVSS:3.1/AV:X", "cvssVector" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Each_invalid_field_is_named_and_nothing_is_stored(string field, string value, string name)
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var form = ReportSteps.ValidForm();
        form[field] = value;

        var (response, body) = await ReportSteps.SubmitFormAsync(reporter, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"<strong>{name}</strong>", body, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.Reports.CountAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.AuditLog.CountAsync()));
    }

    [Fact]
    public async Task Attachments_are_judged_by_content_size_and_count_and_a_refused_one_stores_nothing()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };

        // An executable named like a picture.
        var (exe, exeBody) = await ReportSteps.SubmitFormAsync(reporter, ReportSteps.ValidForm(), ("screenshot.png", Encoding.ASCII.GetBytes("MZ\u0090\0\u0003\0\0\0")));
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        Assert.Contains("judged by its content", exeBody, StringComparison.Ordinal);

        // HTML is text, but a NUL byte is not.
        var (binary, _) = await ReportSteps.SubmitFormAsync(reporter, ReportSteps.ValidForm(), ("a.txt", [0x41, 0x00, 0x42]));
        Assert.Equal(HttpStatusCode.BadRequest, binary.StatusCode);

        var (big, bigBody) = await ReportSteps.SubmitFormAsync(reporter, ReportSteps.ValidForm(), ("big.txt", Enumerable.Repeat((byte)'a', (5 * 1024 * 1024) + 1).ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
        Assert.Contains("larger than 5 MB", bigBody, StringComparison.Ordinal);

        var six = Enumerable.Range(0, 6).Select(i => ($"{i}.png", png)).ToArray();
        var (many, manyBody) = await ReportSteps.SubmitFormAsync(reporter, ReportSteps.ValidForm(), six);
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Contains("at most 5 files", manyBody, StringComparison.Ordinal);

        Assert.Equal(0, await factory.QueryAsync(db => db.Reports.CountAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.ReportAttachments.CountAsync()));

        await ReportSteps.SubmitAsync(reporter, null, ("shot.png", png), ("doc.pdf", "%PDF-1.7\n"u8.ToArray()), ("poc.zip", "PK\u0003\u0004rest"u8.ToArray()), ("a.jpg", [0xFF, 0xD8, 0xFF, 0xE0]));
        var kinds = await factory.QueryAsync(db => db.ReportAttachments.Select(a => a.Kind).OrderBy(k => k).ToListAsync());
        Assert.Equal(["jpeg", "pdf", "png", "zip"], kinds);
    }

    [Fact]
    public async Task The_api_submits_with_reports_write_and_names_invalid_fields()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        string writer = (await ApiCalls.CreateTokenAsync(reporter, "ci", ["reports:write"])).GetProperty("token").GetString()!;
        string reader = (await ApiCalls.CreateTokenAsync(reporter, "ro", ["reports:read"])).GetProperty("token").GetString()!;
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://vigil.test"), AllowAutoRedirect = false });

        async Task<HttpResponseMessage> PostAsync(string token, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new("Bearer", token);
            return await client.SendAsync(request, TestContext.Current.CancellationToken);
        }

        var valid = new { packageName = "left-pad", affectedVersions = "<1.3.1", cweId = "CWE-79", title = "XSS", description = "details", cvssVector = ReportSteps.Vector };
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(reader, valid)).StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.Reports.CountAsync()));

        var bad = await PostAsync(writer, new { packageName = "", affectedVersions = "<1", cweId = "CWE-79", title = "", description = "d", cvssVector = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("packageName", out _));
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("cvssVector", out _));
        Assert.Equal(0, await factory.QueryAsync(db => db.Reports.CountAsync()));

        var created = await PostAsync(writer, valid);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.Reports.CountAsync()));

        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
        using var read = await ApiCalls.WithTokenAsync(client, HttpMethod.Get, $"/api/reports/{id}", reader);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("details", (await read.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_score_endpoint_scores_a_vector_and_refuses_a_bad_one()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var ok = await reporter.Client.GetFromJsonAsync<JsonElement>("/api/cvss?vector=" + Uri.EscapeDataString(ReportSteps.Vector), TestContext.Current.CancellationToken);
        Assert.Equal(9.8m, ok.GetProperty("score").GetDecimal());
        Assert.Equal(HttpStatusCode.BadRequest, (await reporter.Client.GetAsync("/api/cvss?vector=CVSS:3.1/AV:Q", TestContext.Current.CancellationToken)).StatusCode);
        var (_, form) = await reporter.GetAsync("/reports/new");
        Assert.Contains("<script src=\"/js/cvss-score.js", form, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", form, StringComparison.Ordinal);
    }
}
