using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Data.Advisories;

namespace Vigil.Web.Features.Publication;

/// <summary>
/// The public list of advisories: everything in the advisory database (the WG's imported records and the platform's
/// published ones), newest first, searchable by text and package, paged. Unpublished reports are never in it: they
/// live in the platform's own tables, not in the advisory database.
/// </summary>
[AllowAnonymous]
public sealed class AdvisoriesModel(AdvisoryStore store) : PageModel
{
    /// <summary>Advisories per page.</summary>
    public const int PageSize = 25;

    /// <summary>The last page one may ask for.</summary>
    public const int MaxPage = 1000;

    public string? Query { get; private set; }

    public string? Package { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public AdvisoryPage Results { get; private set; } = new([], false);

    public List<string> Errors { get; } = [];

    public IActionResult OnGet()
    {
        Query = Read("q", 200);
        Package = Read("package", 214);
        string? page = Request.Query["page"].Count > 1 ? "?" : Request.Query["page"].ToString();
        if (!string.IsNullOrEmpty(page))
        {
            if (int.TryParse(page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number) && number is >= 1 and <= MaxPage)
            {
                PageNumber = number;
            }
            else
            {
                Errors.Add($"page: must be a whole number from 1 to {MaxPage}.");
            }
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Results = store.Latest(Query, Package, (PageNumber - 1) * PageSize, PageSize);
        return Page();
    }

    /// <summary>The link to another page of the same search.</summary>
    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(Query))
        {
            query["q"] = Query;
        }

        if (!string.IsNullOrWhiteSpace(Package))
        {
            query["package"] = Package;
        }

        query["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/advisories", query);
    }

    private string? Read(string name, int max)
    {
        var values = Request.Query[name];
        if (values.Count > 1)
        {
            Errors.Add($"{name}: give it once.");
            return null;
        }

        string? value = values.Count == 0 ? null : values[0]?.Trim();
        if (value is { Length: > 0 } && value.Length > max)
        {
            Errors.Add($"{name}: at most {max} characters.");
            return null;
        }

        if (value is not null && value.Any(char.IsControl))
        {
            Errors.Add($"{name}: must not contain control characters.");
            return null;
        }

        return string.IsNullOrEmpty(value) ? null : value;
    }
}
