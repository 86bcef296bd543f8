using System.Net;
using System.Text.RegularExpressions;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Maintainers;

/// <summary>The maintainer tests' shared steps.</summary>
internal static partial class MaintainerSteps
{
    /// <summary>The report form with another package and range.</summary>
    public static Dictionary<string, string> Form(string package, string range = "<1.3.1")
    {
        var form = ReportSteps.ValidForm();
        form["Form.PackageName"] = package;
        form["Form.AffectedVersions"] = range;
        return form;
    }

    /// <summary>The triager invites <paramref name="email"/>; the maintainer's account is made, signs in and joins.</summary>
    public static async Task<TestBrowser> InviteAndJoinAsync(PlatformFactory factory, TestBrowser triager, Guid id, string email)
    {
        await triager.GetAsync($"/reports/{id}");
        var (sent, _) = await triager.PostAsync($"/reports/{id}/invite", new() { ["email"] = email }, withToken: true);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        string token = Link().Match((await factory.OutboxToAsync(email)).Last().TextBody).Groups[1].Value;
        await factory.CreateUserAsync(email, [Roles.Maintainer]);
        var maintainer = factory.Browser();
        await maintainer.SignInAsync(email);
        await maintainer.GetAsync($"/invitations/{token}");
        var (joined, _) = await maintainer.PostAsync($"/invitations/{token}", [], withToken: true);
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        return maintainer;
    }

    [GeneratedRegex(@"https://vigil\.test/invitations/([A-Za-z0-9_\-]+)")]
    private static partial Regex Link();
}
