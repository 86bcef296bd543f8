using System.Globalization;
using System.Text;

namespace Vigil.Signing.Provenance;

/// <summary>DSSE (Dead Simple Signing Envelope) v1: what is signed is the pre-authentication encoding of the payload.</summary>
public static class Dsse
{
    /// <summary>The payload type of in-toto statements.</summary>
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary><c>"DSSEv1" SP len(type) SP type SP len(body) SP body</c>, lengths in ASCII decimal bytes.</summary>
    public static byte[] PreAuthenticationEncoding(string payloadType, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(payloadType);
        var type = Encoding.UTF8.GetBytes(payloadType);
        var head = Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} ")).Concat(type)
            .Concat(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} "))).ToArray();
        var result = new byte[head.Length + payload.Length];
        head.CopyTo(result, 0);
        payload.CopyTo(result.AsSpan(head.Length));
        return result;
    }
}
