using Microsoft.Playwright;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Browser;

/// <summary>What a person does in the browser, shared by the browser tests.</summary>
internal static class ChromiumSteps
{
    /// <summary>Clicks a button that posts its form and waits until the page it leads to has loaded.</summary>
    public static async Task SubmitAsync(IPage page, ILocator button)
    {
        await page.EvaluateAsync("() => { window.__leaving = true; }");
        await button.ClickAsync();
        await page.WaitForFunctionAsync("() => window.__leaving !== true && document.readyState === 'complete'");
    }

    /// <summary>
    /// Sets a field's value from script and turns off the form's own checks (maxlength, type="email", required), as
    /// an attacker's client would: the server must refuse what the browser would have.
    /// </summary>
    public static Task SetValueAsync(IPage page, string selector, string value) =>
        page.EvaluateAsync(
            "([selector, value]) => { const field = document.querySelector(selector); field.value = value; field.form.noValidate = true; }",
            new[] { selector, value });

    /// <summary>Signs in through the form; with <paramref name="code"/>, answers the second-factor page too.</summary>
    public static async Task SignInAsync(IPage page, string email, Func<string>? code = null)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(PlatformFactory.Password);
        await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }));
        if (code is not null)
        {
            await page.GetByLabel("Code from your authenticator app").FillAsync(code());
            await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }));
        }
    }
}
