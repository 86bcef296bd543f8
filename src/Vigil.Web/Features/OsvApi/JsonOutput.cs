using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Vigil.Web.Features.OsvApi;

/// <summary>A JSON answer assembled from pre-serialized pieces, written with its length in one flush.</summary>
internal sealed class JsonOutput
{
    private readonly List<ReadOnlyMemory<byte>> _pieces = new(16);

    public int Length { get; private set; }

    public JsonOutput Add(ReadOnlyMemory<byte> piece)
    {
        _pieces.Add(piece);
        Length += piece.Length;
        return this;
    }

    public JsonOutput Add(string ascii) => Add(Encoding.UTF8.GetBytes(ascii));

    /// <summary>A JSON string value, escaped.</summary>
    public JsonOutput AddString(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + 8);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(text);
        }

        return Add(buffer.WrittenMemory);
    }

    public Task WriteAsync(HttpContext http, int status = StatusCodes.Status200OK)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = Length;
        var writer = response.BodyWriter;
        var span = writer.GetSpan(Length);
        int at = 0;
        foreach (var piece in _pieces)
        {
            piece.Span.CopyTo(span[at..]);
            at += piece.Length;
        }

        writer.Advance(Length);
        return writer.FlushAsync(http.RequestAborted).AsTask();
    }

    /// <summary>osv.dev's error shape (a gRPC status): <c>{"code":3,"message":"…","details":[]}</c>.</summary>
    public static Task ErrorAsync(HttpContext http, int status, string message)
    {
        // NOT_FOUND for a missing record, INVALID_ARGUMENT for everything a client sent wrong.
        int code = status == StatusCodes.Status404NotFound ? 5 : 3;
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteStartArray("details");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return new JsonOutput().Add(buffer.WrittenMemory).WriteAsync(http, status);
    }
}
