using System.Runtime.CompilerServices;
using Vigil.Domain.Npm;
using Vigil.Lockfiles;
using Vigil.Signing.Integrity;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Authors;

/// <summary>
/// The <c>authors</c> check (runs when <c>--keyring</c> is given): each package's author signature (from the
/// <c>--signatures</c> folder) must be over the package's name, version and the lockfile's sha512 integrity, by a key
/// the verified keyring lists for that package and has not revoked (docs/adr/0011-author-signatures.md).
/// Verified: so signed. Unsigned: no signature. Invalid: a bad signature, one for another package or integrity, a key
/// listed for other packages only, a revoked key, a forged or rolled-back keyring. Not verifiable: no keyring, an
/// unknown key, a package without a sha512 integrity.
/// </summary>
public sealed class AuthorsCheck : IPackageCheck
{
    private readonly ConditionalWeakTable<VerifyContext, Task<KeyringLoad>> keyrings = [];

    /// <inheritdoc/>
    public string Name => "authors";

    /// <inheritdoc/>
    public bool AppliesTo(VerifyContext context) => context?.Options.Keyring is not null;

    /// <inheritdoc/>
    public async ValueTask<CheckResult> CheckAsync(ResolvedPackage package, VerifyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(context);
        var load = await keyrings.GetValue(context, c => KeyringSource.LoadAsync(c.Options, c.Clock.GetUtcNow(), CancellationToken.None));
        if (load.Keyring is not { } keyring)
        {
            return Result(load.Outcome, load.Reason);
        }

        if (package.Source != PackageSource.Registry || package.Version.Length == 0)
        {
            return Result(CheckOutcome.NotVerifiable, "not a registry package: author signatures are over registry versions");
        }

        var listed = keyring.Entries.Where(e => e.Covers(package.Name)).ToList();
        string expected = listed.Count == 0 ? "the keyring lists no key for it" : $"the keyring lists {listed.Count} key(s) for it";
        if (context.Options.Signatures is not { } folder)
        {
            return Result(CheckOutcome.Unsigned, $"no signature folder (--signatures); {expected}");
        }

        if (FileName(package.Name, package.Version) is not { } fileName)
        {
            return Result(CheckOutcome.Invalid, "the name or version cannot be a signature's file name");
        }

        byte[] bytes;
        string path = Path.Combine(folder, fileName);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Result(CheckOutcome.Unsigned, $"no author signature ({fileName}); {expected}");
            }

            if (info.Length > AuthorSignature.MaxFileBytes)
            {
                return Result(CheckOutcome.Invalid, $"{fileName} is larger than {AuthorSignature.MaxFileBytes} bytes");
            }

            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Result(CheckOutcome.NotVerifiable, $"{fileName} cannot be read: {e.Message}");
        }

        return Judge(package, keyring, fileName, bytes);
    }

    /// <summary>The outcome for a package and its signature file's bytes against a verified keyring.</summary>
    public static CheckResult Judge(ResolvedPackage package, Keyring keyring, string fileName, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(keyring);
        if (!AuthorSignature.TryParse(bytes, out var signature, out var error))
        {
            return Result(CheckOutcome.Invalid, $"{fileName}: {error}");
        }

        if (signature!.Name != package.Name || signature.Version != package.Version)
        {
            return Result(CheckOutcome.Invalid, $"{fileName} is a signature of {signature.Name}@{signature.Version}, not of this package");
        }

        if (!IntegrityValue.TryParse(package.Integrity, out var integrity, out _) || integrity!.Sha512 is not { } sha512)
        {
            return Result(CheckOutcome.NotVerifiable, "the lockfile records no sha512 integrity to compare the signature with");
        }

        if (sha512.ToString() != signature.Integrity)
        {
            return Result(CheckOutcome.Invalid, "the signed integrity is not the lockfile's: the tarball is not the one the author signed");
        }

        var withKey = keyring.Entries.Where(e => e.Key.KeyId == signature.KeyId).ToList();
        if (withKey.Count == 0)
        {
            return Result(CheckOutcome.NotVerifiable, $"signed by {signature.KeyId}, a key the keyring does not list");
        }

        var entry = withKey.FirstOrDefault(e => e.Covers(package.Name));
        if (entry is null)
        {
            return Result(CheckOutcome.Invalid, $"signed by {signature.KeyId}, which the keyring lists for {withKey[0].Package} only");
        }

        if (!signature.VerifiesWith(entry.Key))
        {
            return Result(CheckOutcome.Invalid, $"the signature does not verify with {signature.KeyId}");
        }

        var details = new List<KeyValuePair<string, string>>
        {
            new("key", signature.KeyId),
            new("account", entry.Account),
            new("signed", AuthorSignature.CreatedText(signature.Created)),
        };
        if (!entry.Honours(signature.Created))
        {
            return Result(CheckOutcome.Invalid,
                $"signed by {signature.KeyId}, revoked at {AuthorSignature.CreatedText(entry.RevokedAt!.Value)} ({entry.RevokedReason})") with { Details = details };
        }

        return Result(CheckOutcome.Verified, entry.RevokedAt is null ? null : $"signed before its key was superseded") with { Details = details };
    }

    /// <summary>The signature file's name for a package (<c>@scope%2fpkg@1.0.0.sig</c>), or null for names that cannot be one.</summary>
    public static string? FileName(string name, string version)
    {
        if (!Keyring.IsPackagePattern(name) || name.Contains('*', StringComparison.Ordinal) || name.StartsWith('.')
            || name.Count(c => c == '/') > (name.StartsWith('@') ? 1 : 0) || version.Length is 0 or > AuthorSignature.MaxFieldLength)
        {
            return null;
        }

        foreach (char c in version)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or '_'))
            {
                return null;
            }
        }

        // The scope's slash escaped as npm escapes it in URLs.
        return NpmConfig.EscapeName(name) + "@" + version + ".sig";
    }

    private static CheckResult Result(CheckOutcome outcome, string? reason) => new("authors", outcome, reason);
}
