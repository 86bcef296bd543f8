using System.Text;
using System.Text.Json;

namespace Vigil.Domain.Tests.Osv;

/// <summary>
/// Random free-form JSON for <see cref="OsvRandomRecords"/>: unique names per object, numbers in many textual
/// spellings, escaped and unescaped text, nesting up to five levels. Parsed, so the number text is kept.
/// </summary>
internal sealed class OsvRandomJson(Random random, Func<string> text)
{
    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "1.0", "-1.50", "0.10", "1e3", "1E+3", "2.5e-7", "123456789012345678901234567890",
        "1.7976931348623157e309", "5e-324", "0.30000000000000004", "9007199254740993",
    ];

    public JsonElement Value(bool objectOnly)
    {
        var json = new StringBuilder();
        Write(json, depth: 0, objectOnly);
        using var document = JsonDocument.Parse(json.ToString());
        return document.RootElement.Clone();
    }

    private void Write(StringBuilder json, int depth, bool objectOnly)
    {
        var kind = objectOnly ? 0 : depth >= 4 ? random.Next(2, 7) : random.Next(7);
        switch (kind)
        {
            case 0:
                json.Append('{');
                var names = new HashSet<string>(StringComparer.Ordinal);
                for (var i = random.Next(5); i > 0; i--)
                {
                    var name = text();
                    if (names.Add(name))
                    {
                        json.Append(names.Count > 1 ? "," : "").Append(Quote(name)).Append(':');
                        Write(json, depth + 1, objectOnly: false);
                    }
                }

                json.Append('}');
                break;
            case 1:
                json.Append('[');
                for (var i = random.Next(5); i > 0; i--)
                {
                    Write(json, depth + 1, objectOnly: false);
                    json.Append(i > 1 ? "," : "");
                }

                json.Append(']');
                break;
            case 2:
            case 3:
                json.Append(Numbers[random.Next(Numbers.Length)]);
                break;
            case 4:
                json.Append(random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" });
                break;
            default:
                json.Append(random.Next(2) == 0 ? "\"\\u00e9\\/\\ud83d\\ude00\"" : Quote(text()));
                break;
        }
    }

    private static string Quote(string value) => JsonSerializer.Serialize(value, OsvTestJsonContext.Default.String);
}
