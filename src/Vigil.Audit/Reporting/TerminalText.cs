using System.Text;

namespace Vigil.Audit.Reporting;

/// <summary>
/// Text from advisories is written by strangers: before it reaches a terminal, control characters (escape
/// sequences could rewrite the screen or the window title) are shown as <c>?</c>. Newlines survive only where
/// the caller allows them.
/// </summary>
public static class TerminalText
{
    /// <summary>The text with control characters shown as <c>?</c>; newlines kept only when asked.</summary>
    public static string Clean(string? text, bool keepNewlines = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c == '\r' && keepNewlines)
            {
                continue;
            }

            sb.Append(c switch
            {
                '\n' when keepNewlines => '\n',
                '\t' or '\n' or '\r' => ' ',
                _ when IsUnsafe(c) => '?',
                _ => c,
            });
        }

        return sb.ToString();
    }

    /// <summary>Control characters, and the line separators and direction overrides that can disguise text.</summary>
    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');

    /// <summary>Cleans and cuts the text to at most <paramref name="width"/> characters, marking a cut with an ellipsis.</summary>
    public static string Fit(string? text, int width)
    {
        string clean = Clean(text);
        return clean.Length <= width ? clean : clean[..Math.Max(0, width - 1)] + "…";
    }
}
