using System.Globalization;
using Vigil.Disclosure.Deadlines;
using Vigil.Governance.Rules;

namespace Vigil.Web.Features.PolicyPages;

/// <summary>
/// Reads the WG's numbers from the configuration: <c>Vigil:Disclosure:*</c> into a <see cref="DisclosurePolicy"/>
/// and <c>Vigil:Group:*</c> into <see cref="GroupRules"/>. A setting left out keeps the WG's written value; a bad or
/// unknown one stops the server with a message naming the key (<see cref="InvalidOperationException"/>).
/// </summary>
public static class PolicySettings
{
    /// <summary>The disclosure policy's section.</summary>
    public const string DisclosureSection = "Vigil:Disclosure";

    /// <summary>The group rules' section.</summary>
    public const string GroupSection = "Vigil:Group";

    /// <summary>The most days any of the numbers may be: ten years.</summary>
    public const int MaxDays = 3650;

    private static readonly string[] DisclosureKeys = ["FirstResponseBusinessDays", "PublicationDays", "Holidays"];

    private static readonly string[] GroupKeys =
    [
        "ObjectionWindowDays", "EmployerShareNumerator", "EmployerShareDenominator", "TriageTeamMinimum",
        "ActivityCheckMonths", "ReminderDays", "EmeritusDays", "ReturnGraceDays",
    ];

    /// <summary>The disclosure policy as configured.</summary>
    /// <exception cref="InvalidOperationException">A value is not a whole number in its range, a holiday is not an ISO date, or a key is unknown.</exception>
    public static DisclosurePolicy Disclosure(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(DisclosureSection);
        RefuseUnknown(section, DisclosureSection, DisclosureKeys);
        var d = DisclosurePolicy.Default;
        return new DisclosurePolicy
        {
            FirstResponseBusinessDays = Whole(section, DisclosureSection, "FirstResponseBusinessDays", d.FirstResponseBusinessDays, 1, 260),
            PublicationDays = Whole(section, DisclosureSection, "PublicationDays", d.PublicationDays, 1, MaxDays),
            Holidays = Holidays(section.GetSection("Holidays")),
        };
    }

    /// <summary>The group's rules as configured.</summary>
    /// <exception cref="InvalidOperationException">A value is not a whole number in its range, the numbers contradict each other, or a key is unknown.</exception>
    public static GroupRules Group(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(GroupSection);
        RefuseUnknown(section, GroupSection, GroupKeys);
        var d = GroupRules.Default;
        int Read(string key, int fallback, int max) => Whole(section, GroupSection, key, fallback, 1, max);
        var rules = new GroupRules
        {
            ObjectionWindowDays = Read("ObjectionWindowDays", d.ObjectionWindowDays, 365),
            EmployerShareNumerator = Read("EmployerShareNumerator", d.EmployerShareNumerator, 1000),
            EmployerShareDenominator = Read("EmployerShareDenominator", d.EmployerShareDenominator, 1000),
            TriageTeamMinimum = Read("TriageTeamMinimum", d.TriageTeamMinimum, 1000),
            ActivityCheckMonths = Read("ActivityCheckMonths", d.ActivityCheckMonths, 120),
            ReminderDays = Read("ReminderDays", d.ReminderDays, 365),
            EmeritusDays = Read("EmeritusDays", d.EmeritusDays, 365),
            ReturnGraceDays = Read("ReturnGraceDays", d.ReturnGraceDays, 365),
        };
        if (rules.EmployerShareNumerator >= rules.EmployerShareDenominator)
        {
            throw new InvalidOperationException(
                $"{GroupSection}:EmployerShareNumerator: {rules.EmployerShareNumerator} must be smaller than {GroupSection}:EmployerShareDenominator ({rules.EmployerShareDenominator}): the cap is a share of the group.");
        }

        if (rules.ReminderDays >= rules.EmeritusDays)
        {
            throw new InvalidOperationException(
                $"{GroupSection}:ReminderDays: {rules.ReminderDays} must be fewer than {GroupSection}:EmeritusDays ({rules.EmeritusDays}): the reminder comes before a member becomes emeritus.");
        }

        return rules;
    }

    private static void RefuseUnknown(IConfigurationSection section, string name, string[] known)
    {
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{name}:{child.Key} is not a setting (known: {string.Join(", ", known)}).");
            }
        }
    }

    private static int Whole(IConfigurationSection section, string name, string key, int fallback, int min, int max)
    {
        string? text = section[key];
        if (text is null)
        {
            if (section.GetSection(key).GetChildren().Any())
            {
                throw new InvalidOperationException($"{name}:{key}: must be one whole number from {min} to {max}, not a list.");
            }

            return fallback;
        }

        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{name}:{key}: '{Shorten(text)}' is not a whole number from {min} to {max}.");
    }

    private static HashSet<DateOnly> Holidays(IConfigurationSection section)
    {
        var texts = new List<(string Key, string Text)>();
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            texts.AddRange(section.Value.Split([',', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(t => (section.Path, t)));
        }

        foreach (var child in section.GetChildren())
        {
            if (child.Value is null && child.GetChildren().Any())
            {
                throw new InvalidOperationException($"{child.Path}: must be a date (yyyy-MM-dd).");
            }

            if (!string.IsNullOrWhiteSpace(child.Value))
            {
                texts.Add((child.Path, child.Value.Trim()));
            }
        }

        var days = new HashSet<DateOnly>();
        foreach (var (key, text) in texts)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new InvalidOperationException($"{key}: '{Shorten(text)}' is not an ISO date (yyyy-MM-dd).");
            }

            days.Add(day);
        }

        return days;
    }

    private static string Shorten(string text) =>
        new((text.Length > 40 ? text[..40] + "…" : text).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
