using System.Collections.Immutable;
using System.Security.Cryptography;

namespace Vigil.Signing.Integrity;

/// <summary>One <c>algorithm-base64digest</c> entry of an integrity string.</summary>
/// <param name="Algorithm">The hash algorithm.</param>
/// <param name="Digest">The digest, of the length the algorithm gives.</param>
public sealed record IntegrityHash(IntegrityAlgorithm Algorithm, ImmutableArray<byte> Digest)
{
    /// <summary>The algorithm's name as it is written in integrity strings (<c>sha512</c>).</summary>
    public string AlgorithmName => NameOf(Algorithm);

    /// <summary>The digest's length in bytes for <paramref name="algorithm"/>.</summary>
    public static int DigestLength(IntegrityAlgorithm algorithm) => algorithm switch
    {
        IntegrityAlgorithm.Sha1 => 20,
        IntegrityAlgorithm.Sha256 => 32,
        IntegrityAlgorithm.Sha384 => 48,
        _ => 64,
    };

    /// <summary>The name of <paramref name="algorithm"/> as integrity strings write it.</summary>
    public static string NameOf(IntegrityAlgorithm algorithm) => algorithm switch
    {
        IntegrityAlgorithm.Sha1 => "sha1",
        IntegrityAlgorithm.Sha256 => "sha256",
        IntegrityAlgorithm.Sha384 => "sha384",
        _ => "sha512",
    };

    /// <summary>A hasher for content to compare with this entry (fed in pieces, for streams of any size).</summary>
    public IncrementalHash CreateHasher() => IncrementalHash.CreateHash(Algorithm switch
    {
        IntegrityAlgorithm.Sha1 => HashAlgorithmName.SHA1,
        IntegrityAlgorithm.Sha256 => HashAlgorithmName.SHA256,
        IntegrityAlgorithm.Sha384 => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA512,
    });

    /// <summary>True when <paramref name="digest"/> is this entry's digest (compared in fixed time).</summary>
    public bool Matches(ReadOnlySpan<byte> digest) => CryptographicOperations.FixedTimeEquals(Digest.AsSpan(), digest);

    /// <summary>True when <paramref name="content"/> hashes to this entry's digest.</summary>
    public bool MatchesContent(ReadOnlySpan<byte> content)
    {
        using var hasher = CreateHasher();
        hasher.AppendData(content);
        return Matches(hasher.GetHashAndReset());
    }

    /// <summary><c>sha512-base64digest</c>.</summary>
    public override string ToString() => AlgorithmName + "-" + Convert.ToBase64String(Digest.AsSpan());

    /// <summary>Equal when the algorithm and the digest bytes are equal.</summary>
    public bool Equals(IntegrityHash? other) =>
        other is not null && Algorithm == other.Algorithm && Digest.AsSpan().SequenceEqual(other.Digest.AsSpan());

    /// <summary>A hash of the algorithm and the digest's first bytes.</summary>
    public override int GetHashCode() => HashCode.Combine(Algorithm, Digest.Length > 3 ? BitConverter.ToInt32(Digest.AsSpan()) : 0);
}
