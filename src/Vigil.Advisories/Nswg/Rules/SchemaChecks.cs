using System.Globalization;
using System.Text;

namespace Vigil.Advisories.Nswg.Rules;

/// <summary>
/// The checks behind the WG's Joi schema (<c>tools/vuln_valid/vulnValidate.js</c>), written out by hand:
/// a present <c>Joi.string()</c> must not be empty, <c>Joi.number()</c> must be finite and a safe integer
/// magnitude, patterns are JavaScript regular expressions (so an unanchored pattern may match anywhere).
/// </summary>
internal static class SchemaChecks
{
    /// <summary>Joi: <c>.required()</c> on a key that is absent.</summary>
    public static void Required(NswgRuleContext c, string field, bool present)
    {
        if (!present)
        {
            c.Report(field, "is required");
        }
    }

    /// <summary>Joi: <c>Joi.string()</c> refuses the empty string (even with <c>.allow(null)</c>).</summary>
    public static bool NotEmpty(NswgRuleContext c, string field, string? value)
    {
        if (value is { Length: 0 })
        {
            c.Report(field, "must not be empty");
            return false;
        }

        return value is not null;
    }

    /// <summary>Joi: <c>Joi.number()</c> refuses infinity (<c>JSON.parse</c> turns 1e400 into it) and numbers beyond ±(2^53 − 1).</summary>
    public static void FiniteSafeNumber(NswgRuleContext c, string field, NswgNumber? number)
    {
        if (number is null)
        {
            return;
        }

        var value = number.ToDouble();
        if (double.IsInfinity(value))
        {
            c.Report(field, $"{number.Text} cannot be infinity (it is out of the range of a double)");
        }
        else if (Math.Abs(value) > 9007199254740991d)
        {
            c.Report(field, $"{number.Text} must be a safe number (at most 2^53 - 1 in magnitude)");
        }
    }

    /// <summary>Joi: <c>.regex(/^\d{4}-\d{2}-\d{2}$/)</c>.</summary>
    public static bool IsDatePattern(string s) =>
        s.Length == 10 && s[4] == '-' && s[7] == '-'
        && s.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9') is false
        && s.AsSpan(5, 2).ContainsAnyExceptInRange('0', '9') is false
        && s.AsSpan(8, 2).ContainsAnyExceptInRange('0', '9') is false;

    /// <summary>A present date string that is not empty and matches <c>^\d{4}-\d{2}-\d{2}$</c>.</summary>
    public static void DatePattern(NswgRuleContext c, string field, string? value)
    {
        if (NotEmpty(c, field, value) && !IsDatePattern(value!))
        {
            c.Report(field, $"{Show(value!)} is not a date written YYYY-MM-DD");
        }
    }

    /// <summary>Joi: <c>.regex(/CVE-\d{4}-\d+/)</c>, not anchored, so it only has to occur somewhere in the string.</summary>
    public static bool ContainsCvePattern(string s)
    {
        for (var start = s.IndexOf("CVE-", StringComparison.Ordinal); start >= 0; start = s.IndexOf("CVE-", start + 1, StringComparison.Ordinal))
        {
            var i = start + 4;
            if (i + 6 <= s.Length && s.AsSpan(i, 4).ContainsAnyExceptInRange('0', '9') is false && s[i + 4] == '-' && char.IsAsciiDigit(s[i + 5]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The items of a <c>Joi.array().items(Joi.string().regex(/CVE-\d{4}-\d+/))</c>.</summary>
    public static void CveItems(NswgRuleContext c, string field, NswgList<string>? items)
    {
        for (var i = 0; items is not null && i < items.Count; i++)
        {
            var item = $"{field}[{i}]";
            if (NotEmpty(c, item, items[i]) && !ContainsCvePattern(items[i]))
            {
                c.Report(item, $"{Show(items[i])} does not match the WG pattern /CVE-\\d{{4}}-\\d+/");
            }
        }
    }

    /// <summary>Joi: <c>Joi.object({...})</c> refuses keys it does not define.</summary>
    public static void NoUnknownKeys(NswgRuleContext c, string prefix, NswgExtraFields extra)
    {
        foreach (var (name, _) in extra)
        {
            c.Report(prefix + name, "is not allowed: the WG schema does not define this key");
        }
    }

    /// <summary>A value quoted for a message: control characters escaped, long values cut.</summary>
    public static string Show(string value)
    {
        var text = new StringBuilder("'");
        foreach (var ch in value.Length > 80 ? value[..77] : value)
        {
            text.Append(ch switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(ch) => "\\u" + ((int)ch).ToString("x4", CultureInfo.InvariantCulture),
                _ => ch.ToString(),
            });
        }

        return text.Append(value.Length > 80 ? "...'" : "'").ToString();
    }
}
