using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Vigil.Web.Features.OsvApi;

/// <summary>Reads a request body whole, up to a cap, and hands it to a reader; any content type (curl's -d sends a form type).</summary>
internal static class OsvBody
{
    public static async Task<T> ReadAsync<T>(HttpContext http, int max, Func<ReadOnlySequence<byte>, T> read)
    {
        if (http.Request.ContentLength > max)
        {
            throw TooLarge(max);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max;
        }

        var reader = http.Request.BodyReader;
        ReadResult result;
        try
        {
            while (true)
            {
                result = await reader.ReadAsync(http.RequestAborted);
                if (result.Buffer.Length > max)
                {
                    reader.AdvanceTo(result.Buffer.End);
                    throw TooLarge(max);
                }

                if (result.IsCompleted)
                {
                    break;
                }

                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(max);
        }

        try
        {
            return result.Buffer.IsEmpty ? throw new OsvApiException("The body is empty: send a JSON object.") : read(result.Buffer);
        }
        finally
        {
            reader.AdvanceTo(result.Buffer.End);
        }
    }

    private static OsvApiException TooLarge(int max) =>
        new($"The body is larger than {max} bytes; send less (split a batch).", StatusCodes.Status413PayloadTooLarge);
}
