using Vigil.Signing.Authors;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.AuthorKeys;

/// <summary>
/// The platform's keyring key, which signs <c>/keyring.json</c>: an Ed25519 PKCS#8 file (<c>Vigil:KeyringKeyFile</c>,
/// default <c>keyring-key.pem</c> beside the key file), made on first use with mode 0600, its public key written
/// beside it (<c>.pub</c>) for the operator to hand to users, who pin it (<c>vigil verify --keyring-key</c>). Like the
/// key file, every instance needs the same file.
/// </summary>
public sealed class KeyringSigningKey(IConfiguration configuration) : IDisposable
{
    private readonly Lazy<AuthorPrivateKey> key = new(() => LoadOrCreate(PathOf(configuration)));

    /// <summary>The key.</summary>
    public AuthorPrivateKey Key => key.Value;

    /// <summary>Where the key is kept.</summary>
    public static string PathOf(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Vigil:KeyringKeyFile"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(KeyRotation.KeyFile(configuration)))!, "keyring-key.pem");
    }

    private static AuthorPrivateKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            using var created = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using (var file = new StreamWriter(new FileStream(path, options)))
                {
                    file.Write(created.ToPem());
                }

                File.WriteAllText(path + ".pub", created.PublicKey.ToPem());
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance made it first: use theirs.
            }
        }

        return AuthorPrivateKey.TryFromPem(File.ReadAllText(path), out var loaded, out var error)
            ? loaded!
            : throw new InvalidOperationException($"The keyring key {path} cannot be read: {error}");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (key.IsValueCreated)
        {
            key.Value.Dispose();
        }
    }
}
