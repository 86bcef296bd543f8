using System.Buffers;
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
        if (output is StreamWriter { Encoding.CodePage: 65001 } utf8)
        {
            // Reports run to megabytes: UTF-8 goes straight to the stream, in pieces, never through one big string.
            utf8.Flush();
            WriteCore(new StreamChunks(utf8.BaseStream), write);
            utf8.WriteLine();
            return;
        }

        var buffer = new ArrayBufferWriter<byte>();
        WriteCore(buffer, write);
        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static void WriteCore(IBufferWriter<byte> output, Action<Utf8JsonWriter> write)
    {
        using var writer = new Utf8JsonWriter(output, Options);
        write(writer);
        writer.Flush();
        (output as StreamChunks)?.Flush();
    }

    /// <summary>A buffer that writes itself to a stream whenever the JSON writer asks for more room than it has left.</summary>
    private sealed class StreamChunks(Stream stream) : IBufferWriter<byte>
    {
        private byte[] _buffer = new byte[32 * 1024];
        private int _used;

        public void Advance(int count) => _used += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _buffer.AsMemory(_used);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _buffer.AsSpan(_used);
        }

        public void Flush()
        {
            stream.Write(_buffer, 0, _used);
            _used = 0;
        }

        private void Reserve(int sizeHint)
        {
            if (_buffer.Length - _used >= Math.Max(sizeHint, 1))
            {
                return;
            }

            Flush();
            if (_buffer.Length < sizeHint)
            {
                _buffer = new byte[sizeHint];
            }
        }
    }
}
