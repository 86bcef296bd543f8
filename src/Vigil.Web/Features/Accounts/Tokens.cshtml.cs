using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Accounts;

/// <summary>Personal API tokens: create (the secret is shown once, in the response, never stored), list, revoke.</summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class TokensModel(ApiTokenService tokens, UserManager<PlatformUser> users) : PageModel
{
    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    public string? NewSecret { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync() => Tokens = await tokens.ListAsync(users.GetUserId(User)!);

    public async Task<IActionResult> OnPostAsync(string? name, string[]? scopes, int days)
    {
        string userId = users.GetUserId(User)!;
        try
        {
            (_, NewSecret) = await tokens.CreateAsync(userId, name ?? string.Empty, scopes ?? [], TimeSpan.FromDays(days));
        }
        catch (ArgumentException e)
        {
            Message = e.Message[..(e.Message.IndexOf(" (Parameter", StringComparison.Ordinal) is var i and >= 0 ? i : e.Message.Length)];
        }

        Tokens = await tokens.ListAsync(userId);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        await tokens.RevokeAsync(users.GetUserId(User)!, id);
        return RedirectToPage();
    }
}
