using System.Buffers;
using System.Text.Json;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>
/// Builds the OSV record's <c>database_specific</c> object, <c>{"nswg": {"kind": ..., field: value, ...}}</c>:
/// the WG fields OSV cannot hold or cannot give back exactly, under their WG names and with their WG values
/// (null kept, numbers with their text), plus <see cref="StoredFields.AbsentKey"/> and <see cref="StoredFields.ExtraKey"/>.
/// </summary>
internal sealed class StoredFieldsWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Utf8JsonWriter _writer;
    private readonly List<string> _absent = [];

    public StoredFieldsWriter(NswgKind kind)
    {
        _writer = new Utf8JsonWriter(_buffer);
        _writer.WriteStartObject();
        _writer.WriteStartObject(StoredFields.NswgKey);
        _writer.WriteString(StoredFields.KindKey, StoredFields.KindName(kind));
    }

    public void String(string name, string? value)
    {
        if (value is not null)
        {
            _writer.WriteString(name, value);
        }
    }

    public void String(string name, NswgField<string> field)
    {
        if (field.IsNull)
        {
            _writer.WriteNull(name);
        }
        else if (field.HasValue)
        {
            _writer.WriteString(name, field.Value);
        }
    }

    public void Number(string name, NswgNumber? value)
    {
        if (value is not null)
        {
            _writer.WritePropertyName(name);
            _writer.WriteRawValue(value.Text, skipInputValidation: false);
        }
    }

    public void Number(string name, NswgField<NswgNumber> field)
    {
        if (field.IsNull)
        {
            _writer.WriteNull(name);
        }
        else if (field.HasValue)
        {
            Number(name, field.Value);
        }
    }

    public void Strings(string name, NswgList<string>? items)
    {
        if (items is not null)
        {
            _writer.WriteStartArray(name);
            foreach (var item in items)
            {
                _writer.WriteStringValue(item);
            }

            _writer.WriteEndArray();
        }
    }

    public void Strings(string name, NswgField<NswgList<string>> field)
    {
        if (field.IsNull)
        {
            _writer.WriteNull(name);
        }
        else if (field.HasValue)
        {
            Strings(name, field.Value);
        }
    }

    /// <summary>
    /// The npm author: username, website and extra keys, and the name only when it is not given as a credit
    /// (<paramref name="withName"/>).
    /// </summary>
    public void Author(string name, NswgNpmAuthor? author, bool withName)
    {
        if (author is null)
        {
            return;
        }

        _writer.WriteStartObject(name);
        String("name", withName ? author.Name : null);
        String("website", author.Website);
        String("username", author.Username);
        Members(author.Extra);
        _writer.WriteEndObject();
    }

    /// <summary>Notes that the WG record does not have a key that the OSV record would otherwise give back.</summary>
    public void Absent(string name) => _absent.Add(name);

    /// <summary>The keys the WG format does not define, in their order, in one object.</summary>
    public void Extra(NswgExtraFields extra)
    {
        if (extra.Count > 0)
        {
            _writer.WriteStartObject(StoredFields.ExtraKey);
            Members(extra);
            _writer.WriteEndObject();
        }
    }

    /// <summary>The finished <c>database_specific</c> object.</summary>
    public JsonElement Finish()
    {
        if (_absent.Count > 0)
        {
            _writer.WriteStartArray(StoredFields.AbsentKey);
            _absent.ForEach(_writer.WriteStringValue);
            _writer.WriteEndArray();
        }

        _writer.WriteEndObject();
        _writer.WriteEndObject();
        _writer.Flush();
        using var document = JsonDocument.Parse(_buffer.WrittenMemory, new JsonDocumentOptions { MaxDepth = 256 });
        return document.RootElement.Clone();
    }

    public void Dispose() => _writer.Dispose();

    private void Members(NswgExtraFields extra)
    {
        foreach (var (key, value) in extra)
        {
            _writer.WritePropertyName(key);
            value.WriteTo(_writer);
        }
    }
}
