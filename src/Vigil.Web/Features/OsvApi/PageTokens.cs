using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Vigil.Web.Features.OsvApi;

/// <summary>
/// The <c>next_page_token</c> / <c>page_token</c> pair: an opaque string that holds where the next page starts in the
/// query's answer (advisories ordered by id). A page read after the database changed may repeat or skip an advisory that
/// changed in between, as with any offset.
/// </summary>
internal static class PageTokens
{
    private const string Prefix = "v1:";

    public static string Write(int offset) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The offset a token holds (0 without one); <paramref name="field"/> names it in the error for a bad one.</summary>
    public static int Read(string? token, string field)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        if (token.Length <= 32 && Base64Url.IsValid(token))
        {
            string text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith(Prefix, StringComparison.Ordinal) &&
                int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int offset))
            {
                return offset;
            }
        }

        throw new OsvApiException($"{field}: not a page token this service gave; send the next_page_token of the previous answer.");
    }
}
