using System.Text;

namespace Vigil.Web.Features.Reports;

/// <summary>
/// What may be attached to a report: at most <see cref="MaxCount"/> files of at most <see cref="MaxBytes"/> each, of a
/// kind recognised from the bytes themselves (never from the name or the declared type): UTF-8 text, PNG, JPEG, PDF,
/// ZIP. Attachments are never opened, unpacked or served inline.
/// </summary>
public static class Attachments
{
    public const int MaxCount = 5;

    public const long MaxBytes = 5 * 1024 * 1024;

    public const int MaxNameLength = 200;

    /// <summary>The kinds accepted, as the form says them.</summary>
    public const string AllowedKinds = "text, PNG, JPEG, PDF or ZIP";

    /// <summary>The kind of the content, or null when it is none of the allowed ones.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "png";
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "jpeg";
        }

        if (content.StartsWith("%PDF-"u8))
        {
            return "pdf";
        }

        if (content.StartsWith("PK\u0003\u0004"u8) || content.StartsWith("PK\u0005\u0006"u8))
        {
            return "zip";
        }

        return IsText(content) ? "text" : null;
    }

    /// <summary>A file name safe to show and to put in a header: the last path segment, printable characters only.</summary>
    public static string CleanName(string? name)
    {
        string last = Path.GetFileName((name ?? string.Empty).Replace('\\', '/'));
        var clean = new StringBuilder(last.Length);
        foreach (char c in last)
        {
            clean.Append(char.IsControl(c) || char.IsSurrogate(c) || c is '"' or '/' or '\\' or '\u2028' or '\u2029' ? '_' : c);
        }

        string result = clean.ToString().Trim().TrimStart('.');
        if (result.Length > MaxNameLength)
        {
            result = result[..MaxNameLength];
        }

        return result.Length == 0 ? "attachment" : result;
    }

    private static bool IsText(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'))
            {
                return false;
            }
        }

        return true;
    }
}
