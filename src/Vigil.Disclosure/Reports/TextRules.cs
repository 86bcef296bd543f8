namespace Vigil.Disclosure.Reports;

/// <summary>Checks shared by every free text: length, control characters, lone surrogates.</summary>
internal static class TextRules
{
    /// <summary>Why the text is refused, or null. Line breaks and tabs are allowed only when <paramref name="multiline"/>.</summary>
    public static string? Check(string? text, int maxLength, bool required, bool multiline)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? "is required" : null;
        }

        if (text.Length > maxLength)
        {
            return $"is {text.Length} characters long; at most {maxLength} are allowed";
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return "contains an invalid character (a lone UTF-16 surrogate)";
            }

            bool allowedControl = multiline && c is '\n' or '\r' or '\t';
            if ((char.IsControl(c) && !allowedControl) || c is '\u2028' or '\u2029')
            {
                return multiline ? "contains a control character" : "must be a single line without control characters";
            }
        }

        return null;
    }
}
