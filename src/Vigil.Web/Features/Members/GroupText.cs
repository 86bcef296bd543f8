namespace Vigil.Web.Features.Members;

/// <summary>The checks on what people type into the group's forms: names, handles, employers, statements, reasons.</summary>
public static class GroupText
{
    /// <summary>The longest display name (the column's size).</summary>
    public const int NameLength = 100;

    /// <summary>The longest handle.</summary>
    public const int HandleLength = 64;

    /// <summary>The longest employer name.</summary>
    public const int EmployerLength = 100;

    /// <summary>The longest statement or objection reason.</summary>
    public const int LongTextLength = 4000;

    /// <summary>Trims <paramref name="text"/>; blank becomes null.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// Why <paramref name="text"/> (already cleaned) is refused, as "<paramref name="field"/>: …", or null. Line breaks
    /// and tabs are allowed only when <paramref name="multiline"/>.
    /// </summary>
    public static string? Check(string field, string? text, int maxLength, bool required, bool multiline = false)
    {
        if (text is null)
        {
            return required ? $"{field}: is required" : null;
        }

        if (text.Length > maxLength)
        {
            return $"{field}: is {text.Length} characters long; at most {maxLength} are allowed";
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
                return $"{field}: contains an invalid character (a lone UTF-16 surrogate)";
            }

            bool allowedControl = multiline && c is '\n' or '\r' or '\t';
            if ((char.IsControl(c) && !allowedControl) || c is '\u2028' or '\u2029')
            {
                return multiline ? $"{field}: contains a control character" : $"{field}: must be a single line without control characters";
            }
        }

        return null;
    }

    /// <summary>Why a handle is refused, or null: 1–64 letters, digits, '-', '_' or '.', an optional leading '@' dropped by <see cref="Handle"/>.</summary>
    public static string? CheckHandle(string? handle)
    {
        if (Check("handle", handle, HandleLength, required: true) is { } error)
        {
            return error;
        }

        return handle!.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? null
            : "handle: may hold only letters, digits, '-', '_' and '.' (for example a GitHub login)";
    }

    /// <summary>A handle as typed, cleaned, without a leading '@'.</summary>
    public static string? Handle(string? handle) => Clean(handle) is { } h ? Clean(h.TrimStart('@')) : null;
}
