using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Data.Advisories;
using Vigil.Domain.Osv;

namespace Vigil.Web.Features.Publication;

/// <summary>
/// One advisory, public, by id or alias (<c>/advisories/CVE-…</c> redirects to the advisory's own id). Its details are
/// rendered through the Markdown sanitizer: imported records and reports alike are text from outside.
/// </summary>
[AllowAnonymous]
public sealed class AdvisoryModel(AdvisoryStore store) : PageModel
{
    public StoredAdvisory? Advisory { get; private set; }

    /// <summary>When an alias names several advisories: all of them, to choose from.</summary>
    public IReadOnlyList<StoredAdvisory> Choices { get; private set; } = [];

    public string Asked { get; private set; } = string.Empty;

    public IActionResult OnGet(string id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 200)
        {
            return NotFound();
        }

        Asked = id;
        var found = store.Find(id);
        var exact = found.FirstOrDefault(a => string.Equals(a.Record.Id, id, StringComparison.Ordinal));
        if (exact is not null)
        {
            Advisory = exact;
            return Page();
        }

        if (found.Count == 1)
        {
            return Redirect("/advisories/" + Uri.EscapeDataString(found[0].Record.Id));
        }

        if (found.Count == 0)
        {
            return NotFound();
        }

        Choices = found;
        return Page();
    }

    /// <summary>The versions that fix the advisory, from its <c>fixed</c> events.</summary>
    public static IReadOnlyList<string> FixedVersions(OsvAffected affected)
    {
        ArgumentNullException.ThrowIfNull(affected);
        return [.. (affected.Ranges ?? []).SelectMany(r => r.Events).Where(e => e.Kind.Value == OsvEventKind.Fixed).Select(e => e.Version).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Whether a reference may be a link: only http and https addresses.</summary>
    public static bool IsWebLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>OSV's type words as people read them: <c>REMEDIATION_DEVELOPER</c> → remediation developer.</summary>
    public static string Words(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.Replace('_', ' ').ToLowerInvariant();
}
