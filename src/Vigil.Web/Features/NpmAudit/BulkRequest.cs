using System.Text.Json;
using Vigil.Domain.Wording;

namespace Vigil.Web.Features.NpmAudit;

/// <summary>
/// The bulk advisory request npm and yarn 4 send: <c>{"name": ["1.0.0", "2.0.1"], …}</c>. Read with a forward-only
/// reader; anything else is refused with the position or the field at fault.
/// </summary>
internal static class BulkRequest
{
    /// <summary>The most characters of a package name (npm's limit is 214).</summary>
    public const int MaxNameLength = 214;

    /// <summary>The most characters of a version.</summary>
    public const int MaxVersionLength = 256;

    public static Dictionary<string, List<string>> Parse(ReadOnlySpan<byte> body, NpmAuditOptions options)
    {
        var asked = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 4 });
        int versions = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Bad("the body must be a JSON object of package names to arrays of versions");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                if (name.Length is 0 or > MaxNameLength)
                {
                    throw Bad($"\"{Shown(name)}\": a package name must be 1 to {MaxNameLength} characters");
                }

                if (!asked.TryGetValue(name, out var list))
                {
                    if (asked.Count == options.MaxPackages)
                    {
                        throw new AuditRequestException(StatusCodes.Status413PayloadTooLarge, $"The request asks about more than {options.MaxPackages} packages.");
                    }

                    asked[name] = list = [];
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw Bad($"\"{Shown(name)}\": expected an array of version strings, found {JsonKinds.Describe(reader.TokenType)}");
                }

                int index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw Bad($"\"{Shown(name)}\"[{index}]: expected a version string, found {JsonKinds.Describe(reader.TokenType)}");
                    }

                    string version = reader.GetString()!;
                    if (version.Length > MaxVersionLength)
                    {
                        throw Bad($"\"{Shown(name)}\"[{index}]: a version must be at most {MaxVersionLength} characters");
                    }

                    if (++versions > options.MaxVersions)
                    {
                        throw new AuditRequestException(StatusCodes.Status413PayloadTooLarge, $"The request asks about more than {options.MaxVersions} versions.");
                    }

                    list.Add(version);
                    index++;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw Bad("the body must hold one JSON object and nothing after it");
            }
        }
        catch (JsonException e)
        {
            throw Malformed(e, reader.BytesConsumed);
        }

        return asked;
    }

    /// <summary>A 400 for JSON that does not parse, at the line and byte where it stopped.</summary>
    internal static AuditRequestException Malformed(JsonException e, long consumed)
    {
        if (e.LineNumber is null)
        {
            return Bad($"the body is not valid JSON after byte {consumed}");
        }

        return Bad($"the body is not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}");
    }

    internal static AuditRequestException Bad(string message) => new(StatusCodes.Status400BadRequest, "Invalid audit request: " + message + ".");

    /// <summary>A name as an error message shows it: cut short, control characters dropped.</summary>
    internal static string Shown(string text)
    {
        string cut = text.Length > 80 ? text[..80] + "…" : text;
        return new string([.. cut.Where(c => !char.IsControl(c))]);
    }
}
