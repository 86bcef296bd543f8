using Vigil.Governance.Members;
using Vigil.Governance.Rules;

namespace Vigil.Governance.Tests.Rules;

/// <summary>The WG's written numbers: a test fails if any of them changes.</summary>
public sealed class GroupRulesTests
{
    [Fact]
    public void Default_rules_are_the_groups_written_numbers()
    {
        var rules = GroupRules.Default;
        Assert.Equal(7, rules.ObjectionWindowDays);
        Assert.Equal((1, 3), (rules.EmployerShareNumerator, rules.EmployerShareDenominator));
        Assert.Equal(5, rules.TriageTeamMinimum);
        Assert.Equal(6, rules.ActivityCheckMonths);
        Assert.Equal(14, rules.ReminderDays);
        Assert.Equal(28, rules.EmeritusDays);
        Assert.Equal(28, rules.ReturnGraceDays);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(9, 3)]
    [InlineData(10, 3)]
    [InlineData(12, 4)]
    public void One_employer_may_have_a_third_of_the_group_rounded_down_but_always_one_person(int size, int allowed) =>
        Assert.Equal(allowed, GroupRules.Default.MaxFromOneEmployer(size));

    [Theory]
    [InlineData(5, 9, true)]
    [InlineData(4, 9, false)]
    [InlineData(5, 10, false)]
    [InlineData(6, 10, true)]
    [InlineData(0, 0, false)]
    public void A_vote_passes_with_more_than_half_of_the_electorate(int inFavour, int electorate, bool passes) =>
        Assert.Equal(passes, GroupRules.IsMajority(inFavour, electorate));

    [Fact]
    public void Rules_refuse_a_number_that_is_not_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroupRules { ObjectionWindowDays = 0 });

    [Fact]
    public void A_fourth_member_from_one_employer_in_a_group_of_nine_breaches_the_cap()
    {
        string?[] nine = ["Acme", "acme ", "ACME", "Initech", "Initech", null, "", "Hooli", "Globex"];
        Assert.Empty(EmployerCap.Breaches(nine, GroupRules.Default));

        var breach = Assert.Single(EmployerCap.BreachesIfJoined(nine, "  Acme  ", GroupRules.Default));
        Assert.Equal(("Acme", 4, 3), (breach.Employer, breach.Members, breach.Allowed));
    }

    [Fact]
    public void Two_from_one_employer_breach_a_group_of_two_but_one_does_not()
    {
        Assert.Empty(EmployerCap.BreachesIfJoined([], "Acme", GroupRules.Default));
        Assert.Empty(EmployerCap.BreachesIfJoined(["Acme"], "Initech", GroupRules.Default));
        Assert.Single(EmployerCap.BreachesIfJoined(["Acme"], "acme", GroupRules.Default));
    }

    [Fact]
    public void Members_without_an_employer_never_breach_the_cap() =>
        Assert.Empty(EmployerCap.BreachesIfJoined(["", null, " ", "Acme"], null, GroupRules.Default));
}
