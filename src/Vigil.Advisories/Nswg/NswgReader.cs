using System.Globalization;
using System.Text.Json;
using Vigil.Advisories.Nswg.Json;

namespace Vigil.Advisories.Nswg;

/// <summary>
/// Reads WG record files. Input is treated as hostile: reading returns an <see cref="NswgReadError"/>
/// (<c>file:line:column: reason</c>) for anything wrong and throws only for null or out-of-range arguments.
/// Rejected: files over <see cref="MaxFileBytes"/>, invalid UTF-8, anything that is not strict JSON
/// (comments, trailing commas, truncation, several values), nesting deeper than 64, duplicate keys in any object,
/// a top level that is not an object, and a known key whose JSON type the format does not allow
/// (e.g. <c>'cves' must be an array of strings</c>). A UTF-8 byte order mark is accepted.
/// Missing keys, unknown keys and wrong contents are not read errors: see <see cref="NswgValidator"/>.
/// </summary>
public static class NswgReader
{
    /// <summary>The largest file accepted: 10 MiB.</summary>
    public const int MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>Reads the file at <paramref name="path"/>; errors name the file as <paramref name="path"/> is written.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static NswgReadResult Read(string path, NswgKind kind)
    {
        ArgumentNullException.ThrowIfNull(path);
        CheckKind(kind);
        if (Directory.Exists(path))
        {
            return Fail(path, "cannot read the file: it is a folder");
        }

        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (stream.Length > MaxFileBytes)
            {
                return Fail(path, TooLarge(stream.Length));
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail(path, "cannot read the file: " + e.Message);
        }

        return Read(bytes, path, kind);
    }

    /// <summary>Reads the file at <paramref name="path"/>, telling its kind from its folder (see <see cref="NswgPath.TryGetKind"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static NswgReadResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return NswgPath.TryGetKind(path, out var kind)
            ? Read(path, kind)
            : Fail(path, "not a WG record file: expected core/N.json, npm/N.json or deps/N.json (index.json is skipped)");
    }

    /// <summary>Reads a record from UTF-8 bytes; <paramref name="sourceName"/> names it in errors, e.g. <c>npm/12.json</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="sourceName"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static NswgReadResult Read(ReadOnlySpan<byte> utf8, string sourceName, NswgKind kind)
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        CheckKind(kind);
        if (utf8.Length > MaxFileBytes)
        {
            return Fail(sourceName, TooLarge(utf8.Length));
        }

        var bom = utf8.StartsWith("\uFEFF"u8);
        var json = bom ? utf8[3..] : utf8;
        var badByte = TextPosition.FirstInvalidUtf8(json);
        if (badByte >= 0)
        {
            return Fail(sourceName, json, badByte, $"invalid UTF-8: byte 0x{json[badByte]:X2} does not start a valid character");
        }

        try
        {
            var nonAsciiEscape = JsonSyntaxCheck.Run(json);
            var format = FormatDetector.Detect(json, bom, nonAsciiEscape, kind);
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonSyntaxCheck.MaxDepth + 1 });
            NswgRecord record = kind switch
            {
                NswgKind.Npm => NpmRecordBinder.Bind(ref reader, format),
                NswgKind.Core => CoreRecordBinder.Bind(ref reader, format),
                _ => DepsRecordBinder.Bind(ref reader, format),
            };
            return NswgReadResult.Success(record);
        }
        catch (RecordReadException e)
        {
            return Fail(sourceName, json, e.Offset, e.Message);
        }
        catch (JsonException e)
        {
            // Not expected after the syntax check; reported rather than thrown.
            return Fail(sourceName, json, TextPosition.ToOffset(json, e.LineNumber ?? 0, e.BytePositionInLine ?? 0), "invalid JSON: " + e.Message);
        }
    }

    private static void CheckKind(NswgKind kind)
    {
        if (kind is not (NswgKind.Core or NswgKind.Npm or NswgKind.Deps))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a WG record kind.");
        }
    }

    private static string TooLarge(long length) =>
        string.Create(CultureInfo.InvariantCulture, $"the file is {length} bytes; files over {MaxFileBytes} bytes (10 MiB) are rejected");

    private static NswgReadResult Fail(string source, string reason) =>
        NswgReadResult.Failure(new NswgReadError(source, 0, 0, reason));

    private static NswgReadResult Fail(string source, ReadOnlySpan<byte> json, long offset, string reason)
    {
        var (line, column) = TextPosition.FromOffset(json, offset);
        return NswgReadResult.Failure(new NswgReadError(source, line, column, reason));
    }
}
