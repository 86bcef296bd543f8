using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vigil.Domain.Npm;

/// <summary>A line of an npmrc file that was not used, and why. It never repeats the line (it may hold a token).</summary>
public sealed record NpmrcProblem(string Source, int Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Line > 0 ? $"{Source} line {Line}: {Message}" : $"{Source}: {Message}";
}

/// <summary>The keys and values of one npmrc file, and the lines that were ignored.</summary>
public sealed record NpmrcFile(IReadOnlyDictionary<string, string> Values, IReadOnlyList<NpmrcProblem> Problems)
{
    /// <summary>A file that does not exist: nothing set, nothing wrong.</summary>
    public static NpmrcFile Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), []);
}

/// <summary>
/// Reads npmrc files the way npm does (the <c>ini</c> package, then npm's environment replacement): <c>key=value</c>
/// lines, comments starting with <c>;</c> or <c>#</c>, values in single or double quotes, an unquoted value ending at
/// an unescaped <c>;</c> or <c>#</c>, and <c>${NAME}</c> (or <c>${NAME?}</c>, empty when unset) replaced from the
/// environment in keys and values. Keys under an <c>[section]</c> are not npm settings and are skipped. What npm
/// would keep but cannot be right here — an unset variable — is reported and the line skipped, so that a literal
/// <c>${NPM_TOKEN}</c> is never sent as a token.
/// </summary>
public static partial class Npmrc
{
    /// <summary>The largest npmrc read: real ones are a few lines.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>At most this many problems are kept per file; the rest are counted.</summary>
    public const int MaxProblems = 20;

    /// <summary>Reads the file at <paramref name="path"/>; a missing file is <see cref="NpmrcFile.Empty"/>.</summary>
    public static NpmrcFile Read(string path, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
            {
                return NpmrcFile.Empty;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBytes)
                {
                    return Failed(path, $"larger than {MaxBytes / 1024} KiB: not an npmrc, not read");
                }
            }

            bytes = buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(path, "cannot be read (" + e.GetType().Name + ")");
        }

        return Parse(bytes, path, environment);
    }

    /// <summary>Reads npmrc bytes (UTF-8; a NUL byte or invalid UTF-8 makes the whole file refused).</summary>
    public static NpmrcFile Parse(ReadOnlySpan<byte> bytes, string source, Func<string, string?> environment)
    {
        if (bytes.Length > MaxBytes)
        {
            return Failed(source, $"larger than {MaxBytes / 1024} KiB: not an npmrc, not read");
        }

        if (bytes.Contains((byte)0))
        {
            return Failed(source, "holds NUL bytes: a binary file, not an npmrc; not read");
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Failed(source, "is not UTF-8 text; not read");
        }

        return Parse(text.TrimStart('\uFEFF'), source, environment);
    }

    /// <summary>Reads npmrc text.</summary>
    public static NpmrcFile Parse(string text, string source, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        if (text.Length > MaxBytes)
        {
            return Failed(source, $"larger than {MaxBytes / 1024} KiB: not an npmrc, not read");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<NpmrcProblem>();
        int skipped = 0;
        void Problem(int line, string message)
        {
            if (problems.Count < MaxProblems)
            {
                problems.Add(new NpmrcProblem(source, line, message));
            }
            else
            {
                skipped++;
            }
        }

        bool inSection = false;
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int number = i + 1;
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || CommentLine().IsMatch(line))
            {
                continue;
            }

            if (Section().IsMatch(line))
            {
                inSection = true;
                continue;
            }

            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals == 0)
            {
                Problem(number, "a value without a key; ignored");
                continue;
            }

            if (inSection)
            {
                continue;
            }

            string rawKey = Unquote(equals < 0 ? line : line[..equals]);
            string rawValue = equals < 0 ? "true" : Unquote(line[(equals + 1)..]);
            if (rawKey.EndsWith("[]", StringComparison.Ordinal) && rawKey.Length > 2)
            {
                rawKey = rawKey[..^2];
            }

            if (!TryReplaceEnvironment(rawKey, environment, out string key, out string? missing)
                || !TryReplaceEnvironment(rawValue, environment, out string value, out missing))
            {
                Problem(number, $"the environment variable {missing} is not set; line ignored");
                continue;
            }

            if (key.Length == 0 || key == "__proto__")
            {
                Problem(number, "an empty key; ignored");
                continue;
            }

            values[key] = value;
        }

        if (skipped > 0)
        {
            problems.Add(new NpmrcProblem(source, 0, $"{skipped} more lines ignored"));
        }

        return new NpmrcFile(values, problems);
    }

    /// <summary>
    /// npm's <c>${NAME}</c> replacement: <c>${NAME?}</c> is empty when unset; a backslash before <c>$</c> keeps the
    /// text. False, with the variable's name, when a <c>${NAME}</c> without <c>?</c> is unset.
    /// </summary>
    public static bool TryReplaceEnvironment(string text, Func<string, string?> environment, out string result, out string? missing)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(environment);
        string? unset = null;
        result = EnvironmentReference().Replace(text, match =>
        {
            string escapes = match.Groups[1].Value;
            string name = match.Groups[2].Value;
            bool optional = match.Groups[3].Success;
            if (escapes.Length % 2 == 1)
            {
                // An odd number of backslashes escapes the reference: half of them (rounded down) and the text stay.
                return match.Value[((escapes.Length + 1) / 2)..];
            }

            string? value = environment(name);
            if (value is null && !optional)
            {
                unset ??= name;
            }

            return escapes[(escapes.Length / 2)..] + (value ?? string.Empty);
        });
        missing = unset;
        return unset is null;
    }

    // The ini package's unsafe(): quoted values are JSON strings (single quotes stripped first); others end at an
    // unescaped ; or #, with \; \# \\ unescaped.
    private static string Unquote(string raw)
    {
        string value = raw.Trim();
        if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
        {
            if (value[0] == '\'')
            {
                value = value[1..^1];
            }

            return JsonString(value) ?? value;
        }

        var text = new StringBuilder(value.Length);
        bool escaped = false;
        foreach (char c in value)
        {
            if (escaped)
            {
                if (c is not ('\\' or ';' or '#'))
                {
                    text.Append('\\');
                }

                text.Append(c);
                escaped = false;
            }
            else if (c is ';' or '#')
            {
                break;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else
            {
                text.Append(c);
            }
        }

        if (escaped)
        {
            text.Append('\\');
        }

        return text.ToString().Trim();
    }

    // JSON.parse of a quoted value; null when it is not one JSON string.
    private static string? JsonString(string value)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(value));
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return null;
            }

            string? text = reader.GetString();
            return reader.Read() ? null : text;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static NpmrcFile Failed(string source, string message) =>
        new(new Dictionary<string, string>(StringComparer.Ordinal), [new NpmrcProblem(source, 0, message)]);

    [GeneratedRegex(@"^\s*[;#]")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"^\s*\[[^\]]*\]\s*$")]
    private static partial Regex Section();

    [GeneratedRegex(@"(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}")]
    private static partial Regex EnvironmentReference();
}
