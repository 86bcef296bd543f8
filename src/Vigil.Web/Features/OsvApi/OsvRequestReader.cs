using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Vigil.Web.Features.OsvApi;

/// <summary>
/// Reads the request bodies of <c>/v1/query</c> and <c>/v1/querybatch</c> straight from UTF-8, naming the field of any
/// mistake (<c>queries[2].package.name: expected a string</c>). Fields osv.dev does not know are refused, as it refuses them.
/// </summary>
internal static class OsvRequestReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16 };

    /// <summary>A <c>Query</c> object.</summary>
    public static OsvQuery ReadQuery(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body, Options);
        try
        {
            Start(ref reader, JsonTokenType.StartObject, "the body", "a JSON object");
            var query = ReadQueryObject(ref reader, string.Empty);
            End(ref reader);
            return query;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw NotJson(reader);
        }
    }

    /// <summary>A <c>{"queries": [Query…]}</c> object with at most <paramref name="max"/> queries.</summary>
    public static List<OsvQuery> ReadBatch(ReadOnlySequence<byte> body, int max)
    {
        var reader = new Utf8JsonReader(body, Options);
        try
        {
            Start(ref reader, JsonTokenType.StartObject, "the body", "a JSON object");
            List<OsvQuery>? queries = null;
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string property = reader.GetString()!;
                if (property != "queries")
                {
                    throw Unknown(string.Empty, property);
                }

                Next(ref reader);
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                Expect(ref reader, JsonTokenType.StartArray, "queries", "an array of queries");
                queries = [];
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    string path = $"queries[{queries.Count}].";
                    if (queries.Count == max)
                    {
                        throw new OsvApiException($"queries: at most {max} queries in one batch; split it.");
                    }

                    Expect(ref reader, JsonTokenType.StartObject, path.TrimEnd('.'), "a query object");
                    queries.Add(ReadQueryObject(ref reader, path));
                }
            }

            End(ref reader);
            return queries ?? [];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw NotJson(reader);
        }
    }

    private static OsvQuery ReadQueryObject(ref Utf8JsonReader reader, string path)
    {
        var query = new OsvQuery();
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            Next(ref reader);
            switch (property)
            {
                case "package":
                    ReadPackage(ref reader, path, query);
                    break;
                case "version":
                    query.Version = String(ref reader, path + "version");
                    break;
                case "commit":
                    query.Commit = String(ref reader, path + "commit");
                    break;
                case "page_token":
                    query.PageToken = String(ref reader, path + "page_token");
                    break;
                default:
                    throw Unknown(path, property);
            }
        }

        return query;
    }

    private static void ReadPackage(ref Utf8JsonReader reader, string path, OsvQuery query)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        Expect(ref reader, JsonTokenType.StartObject, path + "package", "an object");
        query.HasPackage = true;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            Next(ref reader);
            switch (property)
            {
                case "name":
                    query.Name = String(ref reader, path + "package.name");
                    break;
                case "ecosystem":
                    query.Ecosystem = String(ref reader, path + "package.ecosystem");
                    break;
                case "purl":
                    query.Purl = String(ref reader, path + "package.purl");
                    break;
                default:
                    throw Unknown(path + "package.", property);
            }
        }
    }

    private static string? String(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new OsvApiException($"{field}: expected a string."),
    };

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        // Deeper nesting than MaxDepth is a JsonException (not valid JSON); values are never skipped, so it stays shallow.
        return reader.Read() ? reader.TokenType : throw new OsvApiException("The body ends too early: it is not a complete JSON object.");
    }

    private static void Start(ref Utf8JsonReader reader, JsonTokenType type, string field, string what)
    {
        Next(ref reader);
        Expect(ref reader, type, field, what);
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string field, string what)
    {
        if (reader.TokenType != type)
        {
            throw new OsvApiException($"{field}: expected {what}.");
        }
    }

    private static void End(ref Utf8JsonReader reader)
    {
        bool more;
        try
        {
            more = reader.Read();
        }
        catch (JsonException)
        {
            more = true;
        }

        if (more)
        {
            throw new OsvApiException("The body has more after its JSON object.");
        }
    }

    private static OsvApiException Unknown(string path, string property) =>
        new($"{path}{Printable(property)}: unknown field.");

    private static OsvApiException NotJson(in Utf8JsonReader reader) =>
        new($"The body is not valid JSON (near byte {reader.BytesConsumed + 1}).");

    /// <summary>A field name as sent, cut short and without control characters, for an error message.</summary>
    private static string Printable(string text)
    {
        var sb = new StringBuilder();
        foreach (char c in text.Length > 64 ? text[..64] : text)
        {
            sb.Append(char.IsControl(c) ? '?' : c);
        }

        return sb.ToString();
    }
}
