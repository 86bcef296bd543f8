using System.Text;
using System.Text.Json;

namespace Vigil.Advisories.Nswg.Json;

/// <summary>
/// Writes JSON text the way JavaScript's <c>JSON.stringify(value, null, indent)</c> does: one member or item per
/// line, <c>"key": value</c>, <c>[]</c> and <c>{}</c> for empty containers; compact when the indent is empty.
/// Strings are escaped as <c>JSON.stringify</c> escapes them, or also from U+007F on when the format asks for it.
/// </summary>
internal sealed class JsonEmitter(NswgFormat format)
{
    private readonly StringBuilder _text = new();
    private readonly Stack<bool> _hasItems = new();
    private readonly NswgFormat _format = format;
    private bool _afterName;

    public void StartObject() => Open('{');

    public void EndObject() => Close('}');

    public void StartArray() => Open('[');

    public void EndArray() => Close(']');

    /// <summary>Starts an object member; the value follows.</summary>
    public void Name(string name)
    {
        NextItem();
        AppendString(name);
        _text.Append(_format.Indent.Length > 0 ? ": " : ":");
        _afterName = true;
    }

    public void String(string value)
    {
        ItemInArray();
        AppendString(value);
    }

    /// <summary>A number, null, true or false, written as given.</summary>
    public void Literal(string text)
    {
        ItemInArray();
        _text.Append(text);
    }

    public void Element(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                StartObject();
                foreach (var member in element.EnumerateObject())
                {
                    Name(member.Name);
                    Element(member.Value);
                }

                EndObject();
                break;
            case JsonValueKind.Array:
                StartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Element(item);
                }

                EndArray();
                break;
            case JsonValueKind.String:
                String(element.GetString()!);
                break;
            default:
                Literal(element.GetRawText());
                break;
        }
    }

    public byte[] ToUtf8()
    {
        if (_format.FinalNewLine)
        {
            _text.Append(_format.NewLine);
        }

        var body = Encoding.UTF8.GetBytes(_text.ToString());
        return _format.ByteOrderMark ? [.. "\uFEFF"u8, .. body] : body;
    }

    private void Open(char bracket)
    {
        ItemInArray();
        _text.Append(bracket);
        _hasItems.Push(false);
    }

    private void Close(char bracket)
    {
        if (_hasItems.Pop())
        {
            LineBreak(_hasItems.Count);
        }

        _text.Append(bracket);
    }

    /// <summary>Array items need their separator here; object members got theirs from <see cref="Name"/>.</summary>
    private void ItemInArray()
    {
        if (_afterName)
        {
            _afterName = false;
        }
        else if (_hasItems.Count > 0)
        {
            NextItem();
        }
    }

    private void NextItem()
    {
        if (_hasItems.Pop())
        {
            _text.Append(',');
        }

        _hasItems.Push(true);
        LineBreak(_hasItems.Count);
    }

    private void LineBreak(int depth)
    {
        if (_format.Indent.Length == 0)
        {
            return;
        }

        _text.Append(_format.NewLine).Append(_format.Margin);
        for (var i = 0; i < depth; i++)
        {
            _text.Append(_format.Indent);
        }
    }

    private void AppendString(string value)
    {
        _text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\b': _text.Append("\\b"); break;
                case '\f': _text.Append("\\f"); break;
                case '\n': _text.Append("\\n"); break;
                case '\r': _text.Append("\\r"); break;
                case '\t': _text.Append("\\t"); break;
                default:
                    if (c < ' ' || (_format.EscapeNonAscii && c >= '\u007F') || IsLoneSurrogate(value, i))
                    {
                        _text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _text.Append(c);
                    }

                    break;
            }
        }

        _text.Append('"');
    }

    private static bool IsLoneSurrogate(string value, int i) =>
        char.IsHighSurrogate(value[i])
            ? i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])
            : char.IsLowSurrogate(value[i]) && (i == 0 || !char.IsHighSurrogate(value[i - 1]));
}
