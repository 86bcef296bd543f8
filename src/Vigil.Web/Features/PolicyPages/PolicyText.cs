using System.Globalization;

namespace Vigil.Web.Features.PolicyPages;

/// <summary>How the policy pages write the numbers they are given (never numbers of their own).</summary>
public static class PolicyText
{
    /// <summary>"1 day", "10 days", "14 days (2 weeks)".</summary>
    public static string Days(int days) =>
        Count(days, "day") + (days >= 14 && days % 7 == 0 ? $" ({Count(days / 7, "week")})" : "");

    /// <summary>"1 month", "6 months".</summary>
    public static string Months(int months) => Count(months, "month");

    /// <summary>"1 business day", "2 business days".</summary>
    public static string BusinessDays(int days) => Count(days, "business day");

    /// <summary>A share as a fraction, "1/3", or "half" when it is one.</summary>
    public static string Share(int numerator, int denominator) =>
        numerator * 2 == denominator ? "half" : $"{numerator.ToString(CultureInfo.InvariantCulture)}/{denominator.ToString(CultureInfo.InvariantCulture)}";

    private static string Count(int n, string unit) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? unit : unit + "s");
}
