using System.Globalization;
using System.Text;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// The XSS payloads of <c>testdata/xss-payloads.txt</c>: one a line, escapes decoded, <c>BEACON</c> replaced by the
/// beacon's URL. The file's header says what the escapes are.
/// </summary>
internal static class XssCorpus
{
    public static IReadOnlyList<string> Load(string beaconUrl)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Browser", "testdata", "xss-payloads.txt");
        var payloads = new List<string>();
        foreach (string line in File.ReadAllLines(path, Encoding.UTF8))
        {
            if (line.Length == 0 || line == "#" || line.StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }

            payloads.Add(Decode(line).Replace("BEACON", beaconUrl, StringComparison.Ordinal));
        }

        return payloads;
    }

    /// <summary>True when the text holds a character no report field takes (a control character other than line breaks and tabs, U+2028, U+2029).</summary>
    public static bool HasForbiddenCharacter(string text) =>
        text.Any(c => (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || c is '\u2028' or '\u2029');

    /// <summary>The text on one line (line breaks and tabs become spaces), at most <paramref name="max"/> characters.</summary>
    public static string OneLine(string text, int max)
    {
        string line = text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
        return line.Length > max ? line[..max] : line;
    }

    private static string Decode(string line)
    {
        var text = new StringBuilder(line.Length);
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            char next = i + 1 < line.Length ? line[i + 1] : '\0';
            if (c != '\\' || i + 1 == line.Length)
            {
                text.Append(c);
                continue;
            }

            switch (next)
            {
                case 'n':
                    text.Append('\n');
                    i++;
                    break;
                case 'r':
                    text.Append('\r');
                    i++;
                    break;
                case 't':
                    text.Append('\t');
                    i++;
                    break;
                case '0':
                    text.Append('\0');
                    i++;
                    break;
                case '\\':
                    text.Append('\\');
                    i++;
                    break;
                case 'u' when i + 2 < line.Length && line[i + 2] == '{' && line.IndexOf('}', i + 3) is int end and > 0:
                    text.Append(char.ConvertFromUtf32(int.Parse(line.AsSpan(i + 3, end - i - 3), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                    i = end;
                    break;
                default:
                    text.Append(c); // any other backslash is the payload's own
                    break;
            }
        }

        return text.ToString();
    }
}
