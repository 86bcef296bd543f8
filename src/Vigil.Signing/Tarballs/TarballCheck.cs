using System.Globalization;
using Vigil.Lockfiles;
using Vigil.Signing.Integrity;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Tarballs;

/// <summary>
/// <c>tarballs</c> (with <c>--tarballs</c>): reads each registry package's tarball — from npm's cache when it holds
/// the content the lockfile's integrity names, else from the registry — through <see cref="TarballInspector"/>:
/// verified when it hashes to the lockfile's integrity and every entry is safe; invalid when it does not match or
/// holds an unsafe entry (named); not verifiable when no copy can be had.
/// </summary>
public sealed class TarballCheck : IPackageCheck
{
    /// <inheritdoc />
    public string Name => "tarballs";

    /// <inheritdoc />
    public bool AppliesTo(VerifyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Options.Tarballs;
    }

    /// <inheritdoc />
    public async ValueTask<CheckResult> CheckAsync(ResolvedPackage package, VerifyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(context);
        if (package.Source.Kind != PackageSourceKind.Registry)
        {
            return Result(CheckOutcome.NotVerifiable, $"a {package.Source.Kind.ToString().ToLowerInvariant()} dependency has no registry tarball to check");
        }

        if (package.Integrity is null)
        {
            return Result(CheckOutcome.NotVerifiable, "the lockfile records no integrity to check the tarball against");
        }

        if (!IntegrityValue.TryParse(package.Integrity, out var integrity, out var error))
        {
            return Result(CheckOutcome.NotVerifiable, "the lockfile's integrity cannot be read: " + error);
        }

        var expected = integrity!.Strongest;
        string? cacheNote = null;
        try
        {
            var cached = await FromCacheAsync(expected, context, cancellationToken).ConfigureAwait(false);
            if (cached is { Status: TarballInspectionStatus.Complete } && expected.Matches(cached.Digest))
            {
                return Judge(cached, expected, "npm cache");
            }

            if (cached is { Status: TarballInspectionStatus.Rejected }
                && await CachedCopyMatchesAsync(context, expected, cancellationToken).ConfigureAwait(false))
            {
                // The unsafe content is what the integrity names (not a damaged cache file): the verdict stands.
                return Judge(cached, expected, "npm cache");
            }

            if (cached is not null)
            {
                cacheNote = cached.Status switch
                {
                    TarballInspectionStatus.SourceFailed => "npm's cached copy could not be read (ignored): " + cached.Problem,
                    _ => "npm's cached copy does not match its address (ignored)",
                };
            }

            var fetched = await context.Registry.OpenTarballAsync(package, cancellationToken).ConfigureAwait(false);
            if (fetched.Status != FetchStatus.Found || fetched.Value is null)
            {
                var why = fetched.Reason ?? (fetched.Status == FetchStatus.NotFound ? "the registry has no such tarball" : "the tarball could not be had");
                return Result(CheckOutcome.NotVerifiable, "the tarball is not available: " + why, cacheNote);
            }

            await using var stream = fetched.Value;
            var inspected = await TarballInspector.InspectAsync(stream, expected, cancellationToken).ConfigureAwait(false);
            var result = Judge(inspected, expected, "registry");
            return cacheNote is null ? result : result with { Details = [.. result.Details, new("cache", cacheNote)] };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Result(CheckOutcome.NotVerifiable, "the tarball could not be read: " + e.Message, cacheNote);
        }
    }

    private static async ValueTask<TarballInspection?> FromCacheAsync(IntegrityHash expected, VerifyContext context, CancellationToken cancellationToken)
    {
        var directory = context.Options.NpmCacheDirectory ?? NpmContentCache.DefaultDirectory();
        if (directory is null)
        {
            return null;
        }

        var path = NpmContentCache.ContentPath(directory, expected);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (file.ConfigureAwait(false))
            {
                return await TarballInspector.InspectAsync(file, expected, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new TarballInspection(TarballInspectionStatus.SourceFailed, e.Message, null, 0, 0, 0, 0, null);
        }
    }

    /// <summary>Hashes npm's cached copy whole (without unpacking it): true when it is the content its address names.</summary>
    private static async ValueTask<bool> CachedCopyMatchesAsync(VerifyContext context, IntegrityHash expected, CancellationToken cancellationToken)
    {
        var directory = context.Options.NpmCacheDirectory ?? NpmContentCache.DefaultDirectory();
        var path = NpmContentCache.ContentPath(directory!, expected);
        if (new FileInfo(path).Length > TarballLimits.MaxCompressedBytes)
        {
            return false;
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (file.ConfigureAwait(false))
        {
            using var hasher = expected.CreateHasher();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hasher.AppendData(buffer, 0, read);
            }

            return expected.Matches(hasher.GetHashAndReset());
        }
    }

    private CheckResult Judge(TarballInspection inspection, IntegrityHash expected, string source)
    {
        var details = Details(inspection, source);
        return inspection.Status switch
        {
            TarballInspectionStatus.Rejected => new CheckResult(Name, CheckOutcome.Invalid, "unsafe tarball: " + inspection.Problem) { Details = details },
            TarballInspectionStatus.SourceFailed => new CheckResult(Name, CheckOutcome.NotVerifiable, inspection.Problem) { Details = details },
            _ when !expected.Matches(inspection.Digest) => new CheckResult(
                Name,
                CheckOutcome.Invalid,
                $"the tarball's {expected.AlgorithmName} is {Convert.ToBase64String(inspection.Digest!)}, not the lockfile's {expected}")
            { Details = details },
            _ => new CheckResult(Name, CheckOutcome.Verified) { Details = details },
        };
    }

    private static List<KeyValuePair<string, string>> Details(TarballInspection inspection, string source)
    {
        var details = new List<KeyValuePair<string, string>>
        {
            new("source", source),
            new("compressed bytes", inspection.CompressedBytes.ToString(CultureInfo.InvariantCulture)),
            new("unpacked bytes", inspection.UncompressedBytes.ToString(CultureInfo.InvariantCulture)),
            new("entries", inspection.Entries.ToString(CultureInfo.InvariantCulture)),
            new("files", inspection.Files.ToString(CultureInfo.InvariantCulture)),
        };
        if (inspection.Root is not null)
        {
            details.Add(new("package folder", inspection.Root));
        }

        return details;
    }

    private CheckResult Result(CheckOutcome outcome, string reason, string? cacheNote = null) =>
        new(Name, outcome, reason) { Details = cacheNote is null ? [] : [new("cache", cacheNote)] };
}
