using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vigil.Domain.Osv.Serialization;

namespace Vigil.Domain.Osv;

/// <summary>
/// Reads and writes OSV records as JSON, losslessly: reading and writing again gives the same data (free-form
/// JSON keeps its number text and property order; unknown properties and enumeration values are kept).
/// Uses no reflection, so it is safe under Native AOT and trimming.
/// </summary>
public static class OsvJson
{
    /// <summary>The deepest nesting of objects and arrays accepted, counting the record itself as level 1.</summary>
    public const int MaxDepth = 64;

    private const string DefaultSourceName = "<input>";

    /// <summary>Reads one record from UTF-8 JSON (a leading byte order mark is skipped).</summary>
    /// <param name="utf8">The JSON document.</param>
    /// <param name="sourceName">A name for the input, such as its file name, used in error messages.</param>
    /// <returns>The record.</returns>
    /// <exception cref="OsvReadException">The input is not JSON or not a valid OSV record; the error says where and why.</exception>
    public static OsvRecord Read(ReadOnlySpan<byte> utf8, string? sourceName = null) =>
        TryRead(utf8, sourceName, out var record, out var error) ? record : throw new OsvReadException(error);

    /// <summary>Reads one record from UTF-8 JSON without throwing for bad input.</summary>
    /// <param name="utf8">The JSON document.</param>
    /// <param name="sourceName">A name for the input, such as its file name, used in error messages.</param>
    /// <param name="record">The record, when reading succeeded.</param>
    /// <param name="error">Why and where reading failed, otherwise.</param>
    /// <returns>Whether the input is a valid record.</returns>
    public static bool TryRead(
        ReadOnlySpan<byte> utf8,
        string? sourceName,
        [NotNullWhen(true)] out OsvRecord? record,
        [NotNullWhen(false)] out OsvReadError? error)
    {
        var source = sourceName ?? DefaultSourceName;
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = MaxDepth + 1, // one more than ours, so that our check reports the depth with a path
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        });

        try
        {
            reader.Read();
            record = OsvRecordReader.Read(ref reader);
            reader.Read(); // throws on anything but whitespace after the record
            error = null;
            return true;
        }
        catch (OsvParseFailure failure)
        {
            error = Error(utf8, source, failure.ByteOffset, failure.Path, failure.Reason);
        }
        catch (JsonException exception)
        {
            var offset = OsvTextPosition.Offset(utf8, exception.LineNumber ?? 0, exception.BytePositionInLine ?? 0);
            error = Error(utf8, source, offset, "", "invalid JSON: " + ReaderMessage(exception.Message));
        }

        record = null;
        return false;
    }

    /// <summary>Writes a record as UTF-8 JSON, properties in the schema's order.</summary>
    /// <param name="record">The record.</param>
    /// <param name="indented">Whether to indent with two spaces and <c>\n</c> line ends.</param>
    /// <returns>The JSON, without a trailing line end.</returns>
    /// <exception cref="ArgumentException">The record cannot be written, e.g. it holds a default enumeration value.</exception>
    public static byte[] Write(OsvRecord record, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions(indented)))
        {
            OsvRecordWriter.Write(writer, record);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a record as a JSON string, properties in the schema's order.</summary>
    /// <param name="record">The record.</param>
    /// <param name="indented">Whether to indent with two spaces and <c>\n</c> line ends.</param>
    /// <returns>The JSON, without a trailing line end.</returns>
    /// <exception cref="ArgumentException">The record cannot be written, e.g. it holds a default enumeration value.</exception>
    public static string WriteString(OsvRecord record, bool indented = true) => Encoding.UTF8.GetString(Write(record, indented));

    /// <summary>
    /// The writer settings: only characters JSON requires are escaped (not <c>'</c>, <c>&lt;</c> or non-ASCII),
    /// so advisories stay readable; the output is meant for files and APIs, not for embedding in HTML.
    /// </summary>
    private static JsonWriterOptions WriterOptions(bool indented) => new()
    {
        Indented = indented,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static OsvReadError Error(ReadOnlySpan<byte> utf8, string source, long offset, string path, string reason)
    {
        var (line, column) = OsvTextPosition.LineAndColumn(utf8, offset);
        return new OsvReadError(source, line, column, path, reason);
    }

    /// <summary>
    /// The reader's message without its own 0-based position, which the error replaces, and without advice
    /// meant for the programmer (the options are fixed on purpose).
    /// </summary>
    private static string ReaderMessage(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at < 0 ? message : message[..at]).Replace(" Change the reader options.", "", StringComparison.Ordinal).TrimEnd();
    }
}
