using System.Text;
using System.Text.Json;

namespace Vigil.Advisories.Tests.Nswg.Conversion;

/// <summary>JSON compared regardless of key order, as OSV does not keep the WG's key order.</summary>
internal static class JsonCanonical
{
    /// <summary>JSON with object keys sorted and no whitespace; strings, numbers (as text) and item order kept.</summary>
    public static string Of(JsonElement element)
    {
        var text = new StringBuilder();
        Append(element, text);
        return text.ToString();
    }

    private static void Append(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                foreach (var member in element.EnumerateObject().OrderBy(m => m.Name, StringComparer.Ordinal))
                {
                    text.Append(JsonSerializer.Serialize(member.Name, ConversionTestJson.Default.String)).Append(':');
                    Append(member.Value, text);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                foreach (var item in element.EnumerateArray())
                {
                    Append(item, text);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                text.Append(JsonSerializer.Serialize(element.GetString(), ConversionTestJson.Default.String));
                break;
            default:
                text.Append(element.GetRawText());
                break;
        }
    }
}
