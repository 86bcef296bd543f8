using Microsoft.Extensions.Configuration;
using Vigil.Disclosure.Deadlines;
using Vigil.Governance.Rules;
using Vigil.Web.Features.PolicyPages;

namespace Vigil.Web.Tests.Policies;

/// <summary>Reading <c>Vigil:Disclosure</c> and <c>Vigil:Group</c>: the WG's numbers by default, a clear error naming the key otherwise.</summary>
public sealed class PolicySettingsTests
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Nothing_configured_is_the_working_groups_policy()
    {
        var disclosure = PolicySettings.Disclosure(Config());
        Assert.Equal(DisclosurePolicy.Default.FirstResponseBusinessDays, disclosure.FirstResponseBusinessDays);
        Assert.Equal(DisclosurePolicy.Default.PublicationDays, disclosure.PublicationDays);
        Assert.Empty(disclosure.Holidays);
        Assert.Equal(GroupRules.Default, PolicySettings.Group(Config()));
    }

    [Fact]
    public void Numbers_and_holidays_are_read_as_lists_or_one_string()
    {
        var policy = PolicySettings.Disclosure(Config(
            ("Vigil:Disclosure:FirstResponseBusinessDays", "5"), ("Vigil:Disclosure:PublicationDays", " 90 "), ("Vigil:Disclosure:Holidays", "2030-01-01, 2030-12-25")));
        Assert.Equal(5, policy.FirstResponseBusinessDays);
        Assert.Equal(90, policy.PublicationDays);
        Assert.Equal([new DateOnly(2030, 1, 1), new DateOnly(2030, 12, 25)], policy.Holidays.Order());

        var listed = PolicySettings.Disclosure(Config(("Vigil:Disclosure:Holidays:0", "2030-05-01"), ("Vigil:Disclosure:Holidays:1", "2030-05-08")));
        Assert.Equal(2, listed.Holidays.Count);

        // A holiday moves the first-response deadline: Friday 2030-05-03 plus 2 business days skips Monday the 6th.
        var withHoliday = PolicySettings.Disclosure(Config(("Vigil:Disclosure:Holidays:0", "2030-05-06")));
        var friday = new DateTimeOffset(2030, 5, 3, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(DisclosurePolicy.Default.FirstResponseDue(friday).AddDays(1), withHoliday.FirstResponseDue(friday));
    }

    [Theory]
    [InlineData("Vigil:Disclosure:PublicationDays", "abc", "Vigil:Disclosure:PublicationDays: 'abc' is not a whole number from 1 to 3650")]
    [InlineData("Vigil:Disclosure:PublicationDays", "0", "Vigil:Disclosure:PublicationDays: '0' is not a whole number")]
    [InlineData("Vigil:Disclosure:PublicationDays", "-5", "Vigil:Disclosure:PublicationDays: '-5'")]
    [InlineData("Vigil:Disclosure:PublicationDays", "45.5", "Vigil:Disclosure:PublicationDays: '45.5'")]
    [InlineData("Vigil:Disclosure:FirstResponseBusinessDays", "99999999999", "Vigil:Disclosure:FirstResponseBusinessDays: '99999999999' is not a whole number from 1 to 260")]
    [InlineData("Vigil:Disclosure:Holidays", "25/12/2030", "Vigil:Disclosure:Holidays: '25/12/2030' is not an ISO date (yyyy-MM-dd)")]
    [InlineData("Vigil:Disclosure:Holidays:0", "2030-02-30", "Vigil:Disclosure:Holidays:0: '2030-02-30' is not an ISO date")]
    [InlineData("Vigil:Disclosure:PublicationDay", "30", "Vigil:Disclosure:PublicationDay is not a setting")]
    public void A_bad_disclosure_setting_is_refused_by_name(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PolicySettings.Disclosure(Config((key, value))));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Vigil:Group:ObjectionWindowDays", "0", "Vigil:Group:ObjectionWindowDays: '0' is not a whole number from 1 to 365")]
    [InlineData("Vigil:Group:TriageTeamMinimum", "five", "Vigil:Group:TriageTeamMinimum: 'five'")]
    [InlineData("Vigil:Group:EmployerShareNumerator", "3", "Vigil:Group:EmployerShareNumerator: 3 must be smaller than Vigil:Group:EmployerShareDenominator (3)")]
    [InlineData("Vigil:Group:ReminderDays", "28", "Vigil:Group:ReminderDays: 28 must be fewer than Vigil:Group:EmeritusDays (28)")]
    [InlineData("Vigil:Group:Objection", "7", "Vigil:Group:Objection is not a setting")]
    public void A_bad_group_setting_is_refused_by_name(string key, string value, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PolicySettings.Group(Config((key, value))));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
