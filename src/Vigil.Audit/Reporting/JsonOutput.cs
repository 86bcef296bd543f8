using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vigil.Audit.Reporting;

/// <summary>Writes JSON to a text writer with <see cref="Utf8JsonWriter"/> (no reflection, so Native AOT is fine).</summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,

        // The output is read by programs and people on a terminal, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes what <paramref name="write"/> writes, indented, and a newline.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(write);
        WriteCore(output, write);
    }

    private static void WriteCore(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }
}
