using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Lockfiles;
using Vigil.Signing.Integrity;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Provenance;

/// <summary>
/// <c>provenance</c>: for a version the registry publishes attestations for, verifies its SLSA provenance — the
/// Sigstore bundle against the trust root file (<see cref="BundleVerifier"/>), then the signed in-toto statement's
/// subject: name = the package's purl, sha512 = the lockfile's integrity — and reports the source repository,
/// workflow, ref and builder it claims. Unsigned without attestations; not verifiable without a trust root.
/// </summary>
public sealed class ProvenanceCheck : IPackageCheck
{
    /// <summary>SLSA provenance v1, what npm publishes since 2023's second half.</summary>
    public const string SlsaV1 = "https://slsa.dev/provenance/v1";

    /// <summary>SLSA provenance v0.2, what npm published first.</summary>
    public const string SlsaV02 = "https://slsa.dev/provenance/v0.2";

    /// <summary>npm's publish attestation (signed by the registry's key, not by Fulcio): reported, not verified here.</summary>
    public const string NpmPublish = "https://github.com/npm/attestation/tree/main/specs/publish/v0.1";

    /// <summary>Attestation documents larger than this are refused (a real one is about 10 KB).</summary>
    public const int MaxDocumentBytes = 4 * 1024 * 1024;

    private readonly Lock _gate = new();
    private (string Path, DateTime Stamp, TrustRoot? Root, string? Error)? _trustRoot;

    /// <inheritdoc />
    public string Name => "provenance";

    /// <summary>
    /// When a trust root is given (<c>--trust-root</c>) or provenance is required: a run without either does not check
    /// provenance and says so in its list of checks, rather than call every package without attestations unsigned.
    /// </summary>
    public bool AppliesTo(VerifyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Options.TrustRootFile is not null || context.Options.Required.Contains(Name);
    }

    /// <summary>The purl in-toto statements name an npm package by: <c>pkg:npm/%40scope/name@version</c>.</summary>
    public static string Purl(string name, string version)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "pkg:npm/" + (name.StartsWith('@') ? "%40" + name[1..] : name) + "@" + version;
    }

    /// <inheritdoc />
    public async ValueTask<CheckResult> CheckAsync(ResolvedPackage package, VerifyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(context);
        if (package.Source.Kind != PackageSourceKind.Registry)
        {
            return Result(CheckOutcome.NotVerifiable, $"a {package.Source.Kind.ToString().ToLowerInvariant()} dependency has no registry provenance");
        }

        var version = await context.Registry.GetVersionAsync(package.Name, package.Version, cancellationToken).ConfigureAwait(false);
        if (version.Status != FetchStatus.Found || version.Value is null)
        {
            return Result(CheckOutcome.NotVerifiable, "the registry's record of the version is not available: " + version.Reason);
        }

        if (version.Value.AttestationsUrl is null)
        {
            return Result(CheckOutcome.Unsigned, "the registry publishes no attestations for this version");
        }

        if (context.Options.TrustRootFile is null)
        {
            return Result(CheckOutcome.NotVerifiable, "no trust root: pass --trust-root");
        }

        var (root, rootError) = LoadTrustRoot(context.Options.TrustRootFile);
        if (root is null)
        {
            return Result(CheckOutcome.NotVerifiable, rootError!);
        }

        var document = await context.Registry.GetAttestationsAsync(package.Name, package.Version, cancellationToken).ConfigureAwait(false);
        if (document.Status != FetchStatus.Found || document.Value is null)
        {
            return Result(CheckOutcome.NotVerifiable, "the registry lists attestations but they are not available: " + document.Reason);
        }

        try
        {
            return Verify(package, document.Value, root);
        }
        catch (ProvenanceException e)
        {
            return Result(e.Outcome, e.Message);
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException or InvalidOperationException)
        {
            return Result(CheckOutcome.Invalid, "the attestation is malformed: " + e.Message);
        }
    }

    /// <summary>Verifies the attestations <paramref name="document"/> of <paramref name="package"/> against <paramref name="root"/>; throws <see cref="ProvenanceException"/>.</summary>
    internal CheckResult Verify(ResolvedPackage package, byte[] document, TrustRoot root)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(root);
        if (document.Length > MaxDocumentBytes)
        {
            throw ProvenanceException.Invalid($"the attestations document is larger than {MaxDocumentBytes / (1024 * 1024)} MiB");
        }

        using var json = JsonDocument.Parse(document, Json.Options);
        JsonElement? provenance = null;
        string? predicateType = null;
        var seen = new List<string>();
        foreach (var attestation in Json.Array(json.RootElement, "attestations", "the attestations document").EnumerateArray())
        {
            var type = Json.String(attestation, "predicateType", "an attestation");
            seen.Add(type);
            if (provenance is null && type is SlsaV1 or SlsaV02)
            {
                provenance = Json.Object(attestation, "bundle", "the provenance attestation");
                predicateType = type;
            }
        }

        var details = new List<KeyValuePair<string, string>>();
        if (seen.Contains(NpmPublish))
        {
            details.Add(new("publish attestation", "present (signed by the registry's key; not checked by provenance)"));
        }

        if (provenance is not { } bundleJson)
        {
            return Result(CheckOutcome.Unsigned, seen.Count == 0
                ? "the attestations document holds no attestation"
                : "the attestations hold no SLSA provenance (only " + string.Join(", ", seen) + ")") with { Details = details };
        }

        var bundle = SigstoreBundle.Parse(bundleJson);
        using var leaf = bundle.Leaf;
        var verified = BundleVerifier.Verify(bundle, root);
        var statement = ProvenanceStatement.Parse(bundle.Payload);
        if (statement.PredicateType != predicateType)
        {
            throw ProvenanceException.Invalid($"the signed statement's predicate type is '{statement.PredicateType}', not the attestation's '{predicateType}'");
        }

        CheckSubject(package, statement);
        var claims = FulcioClaims.Read(verified.Leaf);
        var certificateRepository = claims.FirstOrDefault(c => c.Key == "source repository").Value;
        if (certificateRepository is not null && statement.Repository is not null
            && !string.Equals(Trim(certificateRepository), Trim(statement.Repository), StringComparison.OrdinalIgnoreCase))
        {
            throw ProvenanceException.Invalid(
                $"the provenance claims the repository {statement.Repository}, but the signing certificate was issued to {certificateRepository}");
        }

        details.Add(new("repository", statement.Repository ?? certificateRepository ?? "(not stated)"));
        if (statement.Workflow is not null)
        {
            details.Add(new("workflow", statement.Workflow));
        }

        if ((statement.Ref ?? claims.FirstOrDefault(c => c.Key == "source ref").Value) is { } reference)
        {
            details.Add(new("ref", reference));
        }

        if (statement.Builder is not null)
        {
            details.Add(new("builder", statement.Builder));
        }

        details.AddRange(claims.Select(c => new KeyValuePair<string, string>("certificate " + c.Key, c.Value)));
        details.Add(new("signed at", verified.SignedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
        details.Add(new("transparency log", verified.InclusionProven
            ? $"{verified.Log} entry {verified.LogIndex}: signed entry timestamp and inclusion proof (to the signed checkpoint) verified"
            : $"{verified.Log} entry {verified.LogIndex}: signed entry timestamp verified; the bundle carries no inclusion proof"));
        return new CheckResult(Name, CheckOutcome.Verified) { Details = details };
    }

    private static void CheckSubject(ResolvedPackage package, ProvenanceStatement statement)
    {
        var purl = Purl(package.Name, package.Version);
        var subject = statement.Subjects.FirstOrDefault(s => s.Name == purl)
            ?? throw ProvenanceException.Invalid(
                $"the statement's subject is {string.Join(", ", statement.Subjects.Select(s => s.Name))}, not the package's {purl}");
        if (!IntegrityValue.TryParse(package.Integrity, out var integrity, out _)
            || integrity!.Sha512 is not { } sha512)
        {
            throw ProvenanceException.NotVerifiable("the lockfile records no sha512 integrity to compare with the provenance's subject");
        }

        var expected = Convert.ToHexStringLower(sha512.Digest.AsSpan());
        if (!subject.Digests.TryGetValue("sha512", out var claimed))
        {
            throw ProvenanceException.Invalid($"the statement's subject {purl} has no sha512 digest");
        }

        if (!string.Equals(claimed, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw ProvenanceException.Invalid($"the statement's subject sha512 is {claimed}, not the lockfile integrity's {expected}");
        }
    }

    private static string Trim(string repository) =>
        repository.StartsWith("git+", StringComparison.Ordinal) ? repository[4..].TrimEnd('/') : repository.TrimEnd('/');

    private (TrustRoot? Root, string? Error) LoadTrustRoot(string path)
    {
        DateTime stamp;
        try
        {
            stamp = File.GetLastWriteTimeUtc(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (null, $"the trust root {path} cannot be read: {e.Message}");
        }

        lock (_gate)
        {
            if (_trustRoot is { } loaded && loaded.Path == path && loaded.Stamp == stamp)
            {
                return (loaded.Root, loaded.Error);
            }

            TrustRoot.TryLoad(path, out var root, out var error);
            _trustRoot = (path, stamp, root, error);
            return (root, error);
        }
    }

    private CheckResult Result(CheckOutcome outcome, string reason) => new(Name, outcome, reason);
}
