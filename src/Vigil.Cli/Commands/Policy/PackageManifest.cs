using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Audit.Reporting;

namespace Vigil.Cli.Commands.Policy;

/// <summary>
/// What <c>vigil init security-policy</c> and <c>vigil policy check</c> read of a package's <c>package.json</c>: its
/// name, its <c>repository</c> field and <c>publishConfig.provenance</c>. A missing, unreadable or malformed file is a
/// <see cref="CliException"/> (exit 3) naming the file, and the line for bad JSON.
/// </summary>
sealed partial class PackageManifest
{
    /// <summary>The largest package.json read.</summary>
    public const int MaxBytes = 1024 * 1024;

    private PackageManifest(string path, string? name, JsonElement? repository, bool provenance)
    {
        Path = path;
        Name = name;
        Repository = repository;
        Provenance = provenance;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The <c>name</c> field when it is a valid npm package name, else null.</summary>
    public string? Name { get; }

    /// <summary>The <c>repository</c> field as written (a string or an object), or null.</summary>
    public JsonElement? Repository { get; }

    /// <summary>Whether <c>publishConfig.provenance</c> is <c>true</c>.</summary>
    public bool Provenance { get; }

    /// <summary>Reads <c>package.json</c> in <paramref name="folder"/>.</summary>
    public static PackageManifest Read(string folder)
    {
        string path = System.IO.Path.Combine(folder, "package.json");
        string shown = TerminalText.Clean(path);
        if (Directory.Exists(path))
        {
            throw new CliException(ExitCodes.UnreadableInput, $"{shown} is a folder, not a package.json");
        }

        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.UnreadableInput, $"{shown}: no package.json here (give the package's folder)");
        }

        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxBytes)
            {
                throw new CliException(ExitCodes.UnreadableInput, $"{shown}: larger than {MaxBytes / 1024} KiB, not a package.json");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"{shown}: cannot be read ({e.GetType().Name})");
        }

        try
        {
            _ = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"{shown}: not UTF-8 text");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            long line = (e.LineNumber ?? 0) + 1;
            long column = (e.BytePositionInLine ?? 0) + 1;
            throw new CliException(ExitCodes.UnreadableInput, $"{shown}:{line}:{column}: not valid JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CliException(ExitCodes.UnreadableInput, $"{shown}:1: package.json must be a JSON object");
            }

            string? name = null;
            if (root.TryGetProperty("name", out var nameElement))
            {
                if (nameElement.ValueKind != JsonValueKind.String || !IsPackageName(nameElement.GetString()!))
                {
                    throw new CliException(ExitCodes.UnreadableInput, $"{shown}: \"name\" is not a valid npm package name");
                }

                name = nameElement.GetString();
            }

            JsonElement? repository = root.TryGetProperty("repository", out var repo) ? repo.Clone() : null;
            bool provenance = root.TryGetProperty("publishConfig", out var publish) && publish.ValueKind == JsonValueKind.Object
                && publish.TryGetProperty("provenance", out var flag) && flag.ValueKind == JsonValueKind.True;
            return new PackageManifest(path, name, repository, provenance);
        }
    }

    /// <summary>Whether <paramref name="name"/> is a name npm accepts for a new package (lower case, URL-safe, at most 214 characters).</summary>
    public static bool IsPackageName(string name) => name.Length is > 0 and <= 214 && PackageName().IsMatch(name);

    [GeneratedRegex(@"^(@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PackageName();
}
