using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Vigil.Audit.Ignoring;

/// <summary>
/// An ignore file: which findings a project has judged not to apply, each with a reason, and until when.
/// </summary>
/// <remarks>
/// The file is JSON (comments and trailing commas allowed):
/// <code>
/// {
///   "ignore": [
///     { "id": "NSWG-ECO-368", "reason": "lodash.merge is never called with user input",
///       "package": "lodash", "path": "mocha > lodash", "expires": "2027-01-31" }
///   ]
/// }
/// </code>
/// <c>id</c> and <c>reason</c> are required; <c>package</c>, <c>path</c> and <c>expires</c> narrow the entry.
/// Unknown keys are errors, so that a misspelt <c>expires</c> cannot silently ignore for ever.
/// </remarks>
public sealed class IgnoreList
{
    /// <summary>The largest ignore file read.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The name of the ignore file Vigil looks for in a project folder.</summary>
    public const string DefaultFileName = ".vigil-ignore.json";

    private static readonly string[] Keys = ["id", "reason", "package", "path", "expires"];

    private IgnoreList(IReadOnlyList<IgnoreRule> rules) => Rules = rules;

    /// <summary>An empty list.</summary>
    public static IgnoreList Empty { get; } = new([]);

    /// <summary>The entries, in file order.</summary>
    public IReadOnlyList<IgnoreRule> Rules { get; }

    /// <summary>Reads an ignore file; false with <c>file:line:column: reason</c> or <c>file: field: reason</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, string source, [NotNullWhen(true)] out IgnoreList? list, [NotNullWhen(false)] out string? error)
    {
        list = null;
        if (utf8.Length > MaxBytes)
        {
            error = $"{source}: the file is larger than {MaxBytes / 1024} KiB";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions
            {
                MaxDepth = 8,
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
                AllowDuplicateProperties = false,
            });
        }
        catch (JsonException e)
        {
            error = $"{source}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not valid JSON ({FirstSentence(e.Message)})";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ignore", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                error = $"{source}: expected {{\"ignore\": [ ... ]}}";
                return false;
            }

            var rules = new List<IgnoreRule>();
            int index = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                if (!TryRule(entry, index, out var rule, out string? problem))
                {
                    error = $"{source}: ignore[{index}]{problem}";
                    return false;
                }

                rules.Add(rule);
                index++;
            }

            list = new IgnoreList(rules);
            error = null;
            return true;
        }
    }

    private static bool TryRule(JsonElement entry, int index, [NotNullWhen(true)] out IgnoreRule? rule, [NotNullWhen(false)] out string? problem)
    {
        rule = null;
        if (entry.ValueKind != JsonValueKind.Object)
        {
            problem = ": expected an object with id and reason";
            return false;
        }

        foreach (var property in entry.EnumerateObject())
        {
            if (!Keys.Contains(property.Name))
            {
                problem = $": unknown key '{property.Name}' (known: {string.Join(", ", Keys)})";
                return false;
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                problem = $".{property.Name}: expected a string";
                return false;
            }
        }

        string? id = Text(entry, "id"), reason = Text(entry, "reason"), package = Text(entry, "package"), path = Text(entry, "path"), expires = Text(entry, "expires");
        if (string.IsNullOrWhiteSpace(id))
        {
            problem = ".id: required: the advisory id or alias to ignore";
            return false;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            problem = ".reason: required: say why the finding does not apply";
            return false;
        }

        DateOnly? expiry = null;
        if (expires is not null)
        {
            if (!DateOnly.TryParseExact(expires, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problem = $".expires: '{expires}' is not a date (YYYY-MM-DD)";
                return false;
            }

            expiry = date;
        }

        var names = path?.Split('>', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names is { Length: 0 })
        {
            problem = ".path: expected names joined by '>', such as 'express > qs'";
            return false;
        }

        rule = new IgnoreRule(id.Trim(), reason.Trim(), package?.Trim(), names, expiry, index);
        problem = null;
        return true;
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
