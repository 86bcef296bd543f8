using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Governance.Rules;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Nominations;

/// <summary>The nomination form: someone's account by e-mail address or user name, or oneself.</summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class NewNominationModel(NominationService nominations, GroupRules rules, UserManager<PlatformUser> users) : PageModel
{
    public NominationForm Form { get; private set; } = new(null, null, null, null, null);

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public int WindowDays => rules.ObjectionWindowDays;

    public void OnGet()
    {
    }

    // The texts are read from the form, not bound as handler arguments, so that MVC's trace log never holds them.
    public async Task<IActionResult> OnPostAsync()
    {
        Form = new NominationForm(Field("nominee"), Field("name"), Field("handle"), Field("employer"), Field("statement"));
        var (errors, id) = await nominations.CreateAsync(users.GetUserId(User)!, Form, HttpContext.RequestAborted);
        if (errors.Count == 0)
        {
            return Redirect($"/nominations/{id}");
        }

        Errors = errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private string? Field(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var value) ? value.ToString() : null;
}
