using System.Globalization;
using System.Text;

namespace Vigil.Cli.Commands.Policy;

/// <summary>The SECURITY.md that <c>vigil init security-policy</c> writes (Markdown, LF line ends).</summary>
static class SecurityPolicyText
{
    /// <summary>The policy of <paramref name="packageName"/> under <paramref name="terms"/>.</summary>
    public static string Write(string packageName, DisclosureTerms terms)
    {
        string first = Count(terms.FirstResponseBusinessDays, "business day");
        string publication = Count(terms.PublicationDays, "day");
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Security policy of {packageName}\n\n");
        text.Append("## Reporting a vulnerability\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Please report a vulnerability in `{packageName}` privately, not in a public issue, pull request or discussion.\n");
        text.Append("Reports go to the Node.js Security Working Group's disclosure platform, which coordinates the fix with the\n");
        text.Append("maintainers:\n\n");
        text.Append(CultureInfo.InvariantCulture, $"<{terms.ReportUrl}>\n\n");
        text.Append("Tell us the affected versions, what an attacker can do, and how to reproduce it.\n\n");
        text.Append("## What happens next\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- The Working Group answers within {first}.\n");
        text.Append(CultureInfo.InvariantCulture, $"- Once the report is accepted, the advisory is published within {publication}, with the fixed version when one is\n");
        text.Append("  released by then; the Working Group may extend this deadline by a vote.\n");
        text.Append("- The Working Group assigns the advisory a CVE id and credits the reporter.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"The full disclosure policy: <{terms.PolicyUrl}>\n");
        return text.ToString();
    }

    private static string Count(int n, string unit) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? unit : unit + "s");
}
