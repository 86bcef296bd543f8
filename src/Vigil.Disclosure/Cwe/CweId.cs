using System.Globalization;

namespace Vigil.Disclosure.Cwe;

/// <summary>Reads CWE ids as people type them: <c>CWE-79</c>, <c>cwe-79</c> or <c>79</c>.</summary>
public static class CweId
{
    /// <summary>The CWE number of <paramref name="text"/>; false when it is not a CWE id (no sign, no leading zero, at most 9 digits).</summary>
    public static bool TryParse(string? text, out int number)
    {
        number = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var digits = text.StartsWith("CWE-", StringComparison.OrdinalIgnoreCase) ? text.AsSpan(4) : text.AsSpan();
        return digits.Length is > 0 and <= 9
            && !digits.ContainsAnyExceptInRange('0', '9')
            && digits[0] != '0'
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
