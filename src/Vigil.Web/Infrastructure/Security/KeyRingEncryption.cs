using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// Seals the data protection key ring's secret parts (the master keys behind session cookies, anti-forgery tokens
/// and e-mail confirmation links) with the key file before ASP.NET Core stores them in the database. Without the
/// key file the stored key ring is useless: no cookie can be forged or read with it.
/// </summary>
/// <remarks>
/// ASP.NET Core replaces each element that needs encryption with
/// <c>&lt;encryptedSecret decryptorType="…SealedKeyRingDecryptor…"&gt;</c> around what <see cref="Encrypt"/> returns:
/// <code>
/// &lt;sealedKey xmlns="urn:vigil:data-protection" format="1"&gt;base64 of the sealed value&lt;/sealedKey&gt;
/// </code>
/// The sealed value is <see cref="SecretCipher"/>'s format (version, key id, nonce, ciphertext, tag) over the UTF-8 of
/// the plaintext element's XML, with the associated data <see cref="Context"/>.
/// </remarks>
public sealed class SealedKeyRingEncryptor(SecretCipher cipher) : IXmlEncryptor
{
    /// <summary>The associated data of every sealed key-ring element.</summary>
    public const string Context = "data-protection:key-ring";

    /// <summary>The element that holds a sealed value.</summary>
    public static readonly XName ElementName = XName.Get("sealedKey", "urn:vigil:data-protection");

    /// <inheritdoc/>
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        string xml = plaintextElement.ToString(SaveOptions.DisableFormatting);
        var element = new XElement(ElementName, new XAttribute("format", "1"), Convert.ToBase64String(cipher.Seal(xml, Context)));
        return new EncryptedXmlInfo(element, typeof(SealedKeyRingDecryptor));
    }
}

/// <summary>Opens what <see cref="SealedKeyRingEncryptor"/> sealed. ASP.NET Core creates it by its type name, with the services.</summary>
public sealed class SealedKeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    /// <inheritdoc/>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The element is not ours, or the key file is not the one that sealed it.</exception>
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (encryptedElement.Name != SealedKeyRingEncryptor.ElementName || (string?)encryptedElement.Attribute("format") != "1")
        {
            throw new System.Security.Cryptography.CryptographicException("Not a sealed key-ring element of a known format.");
        }

        byte[] sealedValue;
        try
        {
            sealedValue = Convert.FromBase64String(encryptedElement.Value);
        }
        catch (FormatException e)
        {
            throw new System.Security.Cryptography.CryptographicException("The sealed key-ring element is not base64.", e);
        }

        var cipher = services.GetRequiredService<SecretCipher>();
        return XElement.Parse(cipher.Open(sealedValue, SealedKeyRingEncryptor.Context));
    }
}
