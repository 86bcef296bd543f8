using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.AuthorKeys;

/// <summary>
/// <c>/account/keys</c>: the signed-in user's author signing keys with their state, a revoke button each, and the
/// registration form with a fresh challenge (the same <see cref="AuthorKeyService"/> as the key API).
/// </summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class KeysModel(AuthorKeyService service, ReportService reports) : PageModel
{
    /// <summary>The user's keys, newest first.</summary>
    public IReadOnlyList<AuthorKeyRecord> Keys { get; private set; } = [];

    /// <summary>The challenge to sign for the registration form.</summary>
    public string KeyChallenge { get; private set; } = string.Empty;

    /// <summary>What went wrong, for the user.</summary>
    public string? Message { get; private set; }

    /// <summary>What was done.</summary>
    public string? Notice { get; private set; }

    /// <summary>The package typed in, kept after a refusal.</summary>
    public string? Package { get; private set; }

    /// <summary>The public key pasted, kept after a refusal.</summary>
    public string? PublicKey { get; private set; }

    /// <summary>Shows the keys and a new challenge.</summary>
    public async Task<IActionResult> OnGetAsync(string? done)
    {
        Notice = done switch
        {
            "registered" => "The key is registered and listed in the keyring.",
            "revoked" => "The key is revoked; the keyring says so.",
            _ => null,
        };
        return await ShowAsync();
    }

    /// <summary>Registers a key with the challenge's signature.</summary>
    public async Task<IActionResult> OnPostRegisterAsync(string? package, string? publicKey, string? challenge, string? signature)
    {
        if (await reports.ViewerAsync(User) is not { } viewer)
        {
            return Challenge();
        }

        try
        {
            await service.RegisterAsync(viewer, package, publicKey, challenge, signature, replaces: null, HttpContext.RequestAborted);
            return RedirectToPage(new { done = "registered" });
        }
        catch (AuthorKeyException e)
        {
            Message = e.Message;
            Package = package;
            PublicKey = publicKey;
            return await ShowAsync();
        }
    }

    /// <summary>Revokes one of the user's keys.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(long id, string? reason)
    {
        if (await reports.ViewerAsync(User) is not { } viewer)
        {
            return Challenge();
        }

        try
        {
            // The page lists the user's own keys only: a triager revokes others' keys through the API.
            var own = await service.ListAsync(viewer, HttpContext.RequestAborted);
            if (!own.Any(k => k.Id == id) || !await service.RevokeAsync(viewer, id, reason, HttpContext.RequestAborted))
            {
                return NotFound();
            }

            return RedirectToPage(new { done = "revoked" });
        }
        catch (AuthorKeyException e)
        {
            Message = e.Message;
            return await ShowAsync();
        }
    }

    private async Task<IActionResult> ShowAsync()
    {
        if (await reports.ViewerAsync(User) is not { } viewer)
        {
            return Challenge();
        }

        Keys = await service.ListAsync(viewer, HttpContext.RequestAborted);
        (KeyChallenge, _) = await service.IssueChallengeAsync(viewer, HttpContext.RequestAborted);
        return Page();
    }
}
