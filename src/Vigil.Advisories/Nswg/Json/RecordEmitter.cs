namespace Vigil.Advisories.Nswg.Json;

/// <summary>
/// Writes the members of one object: the typed members that are present and the extra ones, ordered by the
/// original key order; members the key order does not name follow in the WG's usual order, extras last.
/// </summary>
internal sealed class RecordEmitter(JsonEmitter emitter)
{
    private readonly List<(string Key, Action Write)> _members = [];

    public void String(string key, string? value)
    {
        if (value is not null)
        {
            _members.Add((key, () => emitter.String(value)));
        }
    }

    public void String(string key, NswgField<string> field) =>
        Field(key, field, value => emitter.String(value));

    public void Number(string key, NswgNumber? value)
    {
        if (value is not null)
        {
            _members.Add((key, () => emitter.Literal(value.Text)));
        }
    }

    public void Number(string key, NswgField<NswgNumber> field) =>
        Field(key, field, value => emitter.Literal(value.Text));

    public void Strings(string key, NswgList<string>? value)
    {
        if (value is not null)
        {
            _members.Add((key, () => WriteStrings(value)));
        }
    }

    public void Strings(string key, NswgField<NswgList<string>> field) => Field(key, field, WriteStrings);

    public void Author(string key, NswgNpmAuthor? author)
    {
        if (author is not null)
        {
            _members.Add((key, () =>
            {
                var inner = new RecordEmitter(emitter);
                inner.String("name", author.Name);
                inner.String("website", author.Website);
                inner.String("username", author.Username);
                inner.Emit(author.KeyOrder, author.Extra);
            }));
        }
    }

    /// <summary>Writes the object: braces, members in order, extras.</summary>
    public void Emit(NswgList<string> keyOrder, NswgExtraFields extra)
    {
        foreach (var (key, value) in extra)
        {
            _members.Add((key, () => emitter.Element(value)));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in _members)
        {
            if (!names.Add(key))
            {
                throw new ArgumentException($"The extra member '{key}' has the name of a field of the record.");
            }
        }

        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keyOrder.Count; i++)
        {
            position.TryAdd(keyOrder[i], i);
        }

        var ordered = _members
            .Select((member, index) => (member, rank: position.TryGetValue(member.Key, out var p) ? p : keyOrder.Count + index))
            .OrderBy(m => m.rank);
        emitter.StartObject();
        foreach (var (member, _) in ordered)
        {
            emitter.Name(member.Key);
            member.Write();
        }

        emitter.EndObject();
    }

    private void Field<T>(string key, NswgField<T> field, Action<T> write)
    {
        if (field.HasValue)
        {
            var value = field.Value!;
            _members.Add((key, () => write(value)));
        }
        else if (field.IsNull)
        {
            _members.Add((key, () => emitter.Literal("null")));
        }
    }

    private void WriteStrings(NswgList<string> items)
    {
        emitter.StartArray();
        foreach (var item in items)
        {
            emitter.String(item);
        }

        emitter.EndArray();
    }
}
