using System.Security.Cryptography;
using System.Text;

namespace Vigil.Web.Infrastructure.Security;

/// <summary>
/// Encrypts secrets at rest with AES-256-GCM under keys held in a key file outside the database
/// (<c>Vigil:KeyFile</c>; default <c>vigil/report-keys</c> in the user's config folder, created with mode 0600 on
/// first start): report texts and attachments, TOTP secrets, the data protection key ring and e-mail waiting in the
/// outbox. A copy of the database alone — a backup, a stolen file, a PostgreSQL dump — reveals none of them.
/// </summary>
/// <remarks>
/// <para>
/// The format of a sealed value is <c>0x01 | key-id length (1 byte) | key id (ASCII) | nonce (12) | ciphertext |
/// tag (16)</c>. Why: the version byte lets a later format coexist with this one; the key id in every value lets keys
/// rotate (a new key is appended to the file and seals from then on, old values still open under their own key);
/// a fresh random 96-bit nonce per value is GCM's standard size (values are few, so random nonces stay far below
/// the 2^32 bound for one key); the 128-bit tag is GCM's full tag.
/// </para>
/// <para>
/// Each value is bound to where it belongs by GCM's associated data (e.g. <c>report:&lt;id&gt;:description</c>,
/// <c>user:&lt;id&gt;:totp</c>): a value copied into another row or field fails to open instead of showing one
/// record's secret in another.
/// </para>
/// <para>
/// In a text column a sealed value is stored as <see cref="TextPrefix"/> followed by the base64 of those bytes
/// (<see cref="SealText"/>, <see cref="OpenText"/>).
/// </para>
/// <para>
/// The key file holds one key per line, <c>&lt;key id&gt; &lt;base64 of 32 bytes&gt;</c>; the last line is the key that seals.
/// </para>
/// </remarks>
public sealed class SecretCipher
{
    /// <summary>How a sealed value stored as text begins (what follows is base64).</summary>
    public const string TextPrefix = "sealed:1:";

    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeySize = 32;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _currentKeyId;

    private SecretCipher(Dictionary<string, byte[]> keys, string currentKeyId)
    {
        _keys = keys;
        _currentKeyId = currentKeyId;
    }

    /// <summary>The id of the key that seals new values.</summary>
    public string CurrentKeyId => _currentKeyId;

    /// <summary>The default key file: <c>vigil/report-keys</c> in the user's config folder (<c>$XDG_CONFIG_HOME</c> or <c>~/.config</c>).</summary>
    public static string DefaultKeyFile()
    {
        string config = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(config))
        {
            config = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        }

        return Path.Combine(config, "vigil", "report-keys");
    }

    /// <summary>Reads the key file, creating it with one new key (mode 0600) when it does not exist.</summary>
    /// <exception cref="InvalidOperationException">The file exists but is not a key file, or is readable by others.</exception>
    public static SecretCipher OpenOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        path = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string id = DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            string line = id + " " + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize)) + "\n";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var stream = new FileStream(path, options);
                stream.Write(Encoding.ASCII.GetBytes(line));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance created it first: read theirs.
            }
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidOperationException($"The key file {path} can be read or written by other users; make it private (chmod 600).");
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? current = null;
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            byte[]? key = parts.Length == 2 ? TryBase64(parts[1]) : null;
            if (key is null || key.Length != KeySize || parts[0].Length > 64 || !parts[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                || !keys.TryAdd(parts[0], key))
            {
                throw new InvalidOperationException($"The key file {path} has a line that is not '<key id> <base64 of 32 bytes>' or repeats a key id.");
            }

            current = parts[0];
        }

        return current is null
            ? throw new InvalidOperationException($"The key file {path} holds no key.")
            : new SecretCipher(keys, current);
    }

    /// <summary>Seals a text for the place named by <paramref name="context"/>.</summary>
    public byte[] Seal(string plaintext, string context) => Seal(Encoding.UTF8.GetBytes(plaintext), context);

    /// <summary>Seals bytes for the place named by <paramref name="context"/>.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, string context)
    {
        byte[] keyId = Encoding.ASCII.GetBytes(_currentKeyId);
        int header = 2 + keyId.Length;
        byte[] sealedValue = new byte[header + NonceSize + plaintext.Length + TagSize];
        sealedValue[0] = FormatVersion;
        sealedValue[1] = (byte)keyId.Length;
        keyId.CopyTo(sealedValue, 2);
        var nonce = sealedValue.AsSpan(header, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_currentKeyId], TagSize);
        aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(header + NonceSize, plaintext.Length), sealedValue.AsSpan(sealedValue.Length - TagSize), Encoding.UTF8.GetBytes(context));
        return sealedValue;
    }

    /// <summary>Opens a value sealed for <paramref name="context"/>.</summary>
    /// <exception cref="CryptographicException">The value is damaged, belongs elsewhere, or its key is not in the key file.</exception>
    public byte[] OpenBytes(byte[] sealedValue, string context)
    {
        ArgumentNullException.ThrowIfNull(sealedValue);
        if (sealedValue.Length < 2 || sealedValue[0] != FormatVersion || sealedValue.Length < 2 + sealedValue[1] + NonceSize + TagSize)
        {
            throw new CryptographicException("Not a sealed value of a known format.");
        }

        int idLength = sealedValue[1];
        string keyId = Encoding.ASCII.GetString(sealedValue, 2, idLength);
        if (!_keys.TryGetValue(keyId, out byte[]? key))
        {
            throw new CryptographicException($"The value was sealed with key '{keyId}', which is not in the key file.");
        }

        int header = 2 + idLength;
        int length = sealedValue.Length - header - NonceSize - TagSize;
        byte[] plaintext = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedValue.AsSpan(header, NonceSize), sealedValue.AsSpan(header + NonceSize, length), sealedValue.AsSpan(sealedValue.Length - TagSize), plaintext, Encoding.UTF8.GetBytes(context));
        return plaintext;
    }

    /// <summary>Opens a text sealed for <paramref name="context"/>.</summary>
    public string Open(byte[] sealedValue, string context) => Encoding.UTF8.GetString(OpenBytes(sealedValue, context));

    /// <summary>Seals a text for a text column: <see cref="TextPrefix"/> and the base64 of the sealed bytes.</summary>
    public string SealText(string plaintext, string context) => TextPrefix + Convert.ToBase64String(Seal(plaintext, context));

    /// <summary>Opens a value made by <see cref="SealText"/>.</summary>
    /// <exception cref="CryptographicException">The value is not sealed text, is damaged, belongs elsewhere, or its key is not in the key file.</exception>
    public string OpenText(string sealedText, string context)
    {
        ArgumentNullException.ThrowIfNull(sealedText);
        if (!IsSealedText(sealedText))
        {
            throw new CryptographicException("Not a sealed text.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(sealedText[TextPrefix.Length..]);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("Not a sealed text.", e);
        }

        return Open(bytes, context);
    }

    /// <summary>Whether a stored text is sealed (rather than a plain value written before sealing began).</summary>
    public static bool IsSealedText(string? text) => text is not null && text.StartsWith(TextPrefix, StringComparison.Ordinal);

    /// <summary>The key id a value was sealed with (for rotation reports).</summary>
    public static string KeyIdOf(byte[] sealedValue)
    {
        ArgumentNullException.ThrowIfNull(sealedValue);
        return sealedValue.Length >= 2 && sealedValue.Length >= 2 + sealedValue[1] ? Encoding.ASCII.GetString(sealedValue, 2, sealedValue[1]) : string.Empty;
    }

    private static byte[]? TryBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
