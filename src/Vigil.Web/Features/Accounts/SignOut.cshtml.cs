using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Features.Accounts;

/// <summary>Signing out is a POST (a link or an image cannot sign anyone out).</summary>
public sealed class SignOutModel(SignInManager<PlatformUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
