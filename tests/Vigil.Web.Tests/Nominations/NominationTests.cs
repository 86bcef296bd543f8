using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigil.Governance;
using Vigil.Web.Features.Nominations;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Nominations;

/// <summary>Nominating (someone by e-mail address or user name, or oneself) and withdrawing a nomination.</summary>
public sealed class NominationTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_nomination_names_an_account_or_oneself_and_the_errors_name_the_field(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        await GroupSteps.SeedAsync(factory, "m", "Acme");
        using var person = await GroupSteps.PersonAsync(factory, "person@example.org");

        var (wrong, wrongBody, _) = await NominationSteps.NominateAsync(person, "nobody@example.org", name: "", handle: "bad handle", statement: "a\u0001b");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        string text = GroupSteps.Text(wrongBody);
        Assert.Contains("nominee: no account has this e-mail address or user name", text, StringComparison.Ordinal);
        Assert.Contains("name: is required", text, StringComparison.Ordinal);
        Assert.Contains("handle: may hold only letters, digits", text, StringComparison.Ordinal);
        Assert.Contains("statement: contains a control character", text, StringComparison.Ordinal);

        var (member, memberBody, _) = await NominationSteps.NominateAsync(person, "m1@example.org");
        Assert.Equal(HttpStatusCode.BadRequest, member.StatusCode);
        Assert.Contains("nominee: is already an active member", GroupSteps.Text(memberBody), StringComparison.Ordinal);

        // Oneself: a blank nominee. The statement is shown encoded.
        var (self, selfBody, id) = await NominationSteps.NominateAsync(person, "", name: "Person <i>One</i>", handle: "@person1", statement: "<script>alert(1)</script>");
        Assert.True(self.StatusCode == HttpStatusCode.Redirect, GroupSteps.Text(selfBody));
        var record = await NominationSteps.NominationAsync(factory, id);
        string personId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == "person@example.org").Select(u => u.Id).SingleAsync());
        Assert.Equal((personId, personId, "person1", NominationState.Open), (record.NominatorId, record.NomineeId, record.Handle, record.State));
        var (_, page) = await person.GetAsync($"/nominations/{id}");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", page, StringComparison.Ordinal);
        Assert.Contains("Person &lt;i&gt;One&lt;/i&gt;", page, StringComparison.Ordinal);

        var (again, againBody, _) = await NominationSteps.NominateAsync(person, "person@example.org");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("nominee: already has a nomination in progress", GroupSteps.Text(againBody), StringComparison.Ordinal);
        Assert.Equal([$"opened for {personId} (self)"], (await GroupSteps.AuditAsync(factory, GroupAuditActions.Nomination)).Select(a => a.Detail));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Only_the_nominator_or_the_nominee_withdraws_a_nomination(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var nominator = await GroupSteps.PersonAsync(factory, "nominator@example.org");
        using var nominee = await GroupSteps.PersonAsync(factory, "nominee@example.org");
        using var stranger = await GroupSteps.PersonAsync(factory, "stranger@example.org");
        var (_, _, first) = await NominationSteps.NominateAsync(nominator, "nominee@example.org");

        var (refused, refusedBody) = await stranger.SubmitAsync($"/nominations/{first}", [], $"/nominations/{first}?handler=Withdraw");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("nomination: only the nominator or the nominee may withdraw it", GroupSteps.Text(refusedBody), StringComparison.Ordinal);
        Assert.Equal(NominationState.Open, (await NominationSteps.NominationAsync(factory, first)).State);

        var (byNominee, byNomineeBody) = await nominee.SubmitAsync($"/nominations/{first}", [], $"/nominations/{first}?handler=Withdraw");
        GroupSteps.Redirected(byNominee, byNomineeBody, $"/nominations/{first}");
        Assert.Equal(NominationState.Withdrawn, (await NominationSteps.NominationAsync(factory, first)).State);

        // A withdrawn nomination never moves; a new one may be opened, and its nominator withdraws it in onboarding.
        var (_, _, second) = await NominationSteps.NominateAsync(nominator, "nominee@example.org");
        await NominationSteps.OnboardingAsync(factory, second);
        using var nominatorAgain = await GroupSteps.PersonAsync(factory, "nominator@example.org", create: false); // sessions last 8 hours
        using var nomineeAgain = await GroupSteps.PersonAsync(factory, "nominee@example.org", create: false);
        var (byNominator, byNominatorBody) = await nominatorAgain.SubmitAsync($"/nominations/{second}", [], $"/nominations/{second}?handler=Withdraw");
        GroupSteps.Redirected(byNominator, byNominatorBody, $"/nominations/{second}");
        Assert.Equal(NominationState.Withdrawn, (await NominationSteps.NominationAsync(factory, first)).State);
        Assert.Equal(NominationState.Withdrawn, (await NominationSteps.NominationAsync(factory, second)).State);
        var (gone, _) = await nomineeAgain.GetAsync($"/nominations/{second}/checklist");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var details = (await GroupSteps.AuditAsync(factory, GroupAuditActions.Nomination)).Select(a => a.Detail).ToList();
        Assert.Contains("withdrawn by the nominee", details);
        Assert.Contains("withdrawn by the nominator", details);
    }
}
