using AngleSharp.Html.Parser;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Reports;

/// <summary>
/// Report texts are attacker-controlled: payloads in every text field render inert on the report page, the list and
/// the dashboard (checked on the parsed DOM: no script but ours, no event handler, no script URL, no active element).
/// The full corpus in Chromium is for the browser suite.
/// </summary>
public sealed class XssTests
{
    public static TheoryData<string> Payloads => new()
    {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=javascript:alert(1)></iframe>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "![x](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<form action=javascript:alert(1)><button>x</button></form>",
        "<object data=javascript:alert(1)></object>",
        "`<script>alert(1)</script>` and <style>*{display:none}</style>",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        "<<script>script>alert(1)<</script>/script>",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_payload_in_every_text_field_renders_inert(string payload)
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        string oneLine = payload.Replace('\n', ' ');
        var id = await ReportSteps.SubmitAsync(
            reporter,
            ReportSteps.ValidForm(description: payload, title: oneLine.Length > 150 ? oneLine[..150] : oneLine, proof: payload),
            (oneLine + ".txt", "x"u8.ToArray()));
        await ReportSteps.CommentAsync(reporter, id, payload);
        await ReportSteps.CommentAsync(triager, id, payload, isInternal: true);
        await ReportSteps.TransitionAsync(triager, id, "RequestInfo", new() { ["reason"] = payload });
        Assert.Equal("needs-info", await ReportSteps.StateAsync(factory, id));

        foreach (var (browser, path) in new[] { (reporter, $"/reports/{id}"), (triager, $"/reports/{id}"), (reporter, "/reports"), (triager, "/reports") })
        {
            var (_, body) = await browser.GetAsync(path);
            AssertInert(body, path);
        }
    }

    internal static void AssertInert(string html, string path)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.All)
        {
            string tag = element.LocalName;
            Assert.False(tag is "iframe" or "object" or "embed" or "svg" or "math" or "style" or "base" or "meta" && !(tag == "meta" && element.GetAttribute("http-equiv") is null),
                $"{path}: active element <{tag}>");
            if (tag == "script")
            {
                Assert.StartsWith("/js/", element.GetAttribute("src") ?? string.Empty, StringComparison.Ordinal);
            }

            if (tag == "form")
            {
                Assert.StartsWith("/", element.GetAttribute("action") ?? "/", StringComparison.Ordinal);
            }

            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{path}: event handler {attribute.Name} on <{tag}>");
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "data")
                {
                    string value = new(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
                    Assert.False(value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase),
                        $"{path}: script URL in {attribute.Name} of <{tag}>: {attribute.Value}");
                }
            }
        }
    }
}
