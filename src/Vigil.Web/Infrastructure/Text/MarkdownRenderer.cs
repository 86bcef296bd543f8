using Ganss.Xss;
using Markdig;

namespace Vigil.Web.Infrastructure.Text;

/// <summary>
/// The one way user Markdown becomes HTML: Markdig with raw HTML disabled (HTML in the text is shown as text), then
/// HtmlSanitizer over the result, allowing only the tags Markdown produces and links with http, https or mailto.
/// Two layers, because report texts are attacker-controlled (reliability anchors §2: Markdown parsers that let
/// event handlers through).
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public MarkdownRenderer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "code", "pre", "blockquote",
                "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "sub", "sup",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "start" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        };
        _sanitizer = new HtmlSanitizer(options);
        // Links to elsewhere must not carry the page's address nor get a handle on it.
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } link)
            {
                link.SetAttribute("rel", "nofollow noopener noreferrer");
            }
        };
    }

    /// <summary>Safe HTML for <paramref name="markdown"/>.</summary>
    public string Render(string? markdown) =>
        string.IsNullOrEmpty(markdown) ? string.Empty : _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));
}
