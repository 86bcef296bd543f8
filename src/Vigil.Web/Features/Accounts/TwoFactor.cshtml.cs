using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Accounts;

/// <summary>
/// TOTP enrolment: the secret as text and as an <c>otpauth://</c> link (no QR code: it would need a library or a
/// CDN), a code to prove the app has it, then 10 recovery codes shown once.
/// </summary>
[Authorize(Policy = Policies.Interactive)]
[EnableRateLimiting(RateLimits.TwoFactor)]
public sealed class TwoFactorModel(UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn, SecretCipher cipher) : PageModel
{
    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    public string SecretGroups { get; private set; } = string.Empty;

    public string OtpAuthUri { get; private set; } = string.Empty;

    public int RecoveryCodesLeft { get; private set; }

    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await ShowAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled || user.TotpSecret is null)
        {
            return RedirectToPage();
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.Name, code ?? string.Empty))
        {
            Message = "That code is not right. Check the key in your app and use the newest code.";
            await ShowAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes.Count) ?? []];
        // Turning 2FA on changed the security stamp, which ends every session: this one gets a new cookie.
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "mfa");
        Enabled = true;
        return Page();
    }

    public async Task<IActionResult> OnPostNewCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes.Count) ?? []];
        Enabled = true;
        return Page();
    }

    private async Task ShowAsync(PlatformUser user)
    {
        Enabled = user.TwoFactorEnabled;
        Required = Roles.RequireTwoFactor.Any(User.IsInRole);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }

        // Stored sealed (TotpSecrets); opened only to show it to its owner during enrolment.
        string? secret = TotpSecrets.Get(user, cipher);
        if (secret is null)
        {
            secret = Totp.NewSecret();
            TotpSecrets.Set(user, secret, cipher);
            await users.UpdateAsync(user);
        }

        SecretGroups = string.Join(' ', secret.Chunk(4).Select(c => new string(c)));
        OtpAuthUri = Totp.OtpAuthUri("Vigil", user.Email ?? user.UserName ?? user.Id, secret);
    }
}
