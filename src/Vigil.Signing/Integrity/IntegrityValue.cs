using System.Collections.Immutable;

namespace Vigil.Signing.Integrity;

/// <summary>
/// A Subresource Integrity string as npm, yarn classic, pnpm and bun record it: one or more
/// <c>algorithm-base64digest</c> entries separated by white space, each optionally followed by <c>?options</c>
/// (which are ignored). Entries of algorithms other than SHA-1 and SHA-2 are skipped, as npm's <c>ssri</c> skips
/// them; an entry of a known algorithm with bad base64 or a digest of the wrong length makes the string invalid.
/// (yarn 2+'s <c>checksum</c> is not an integrity string: it hashes yarn's own zip archive, not the tarball.)
/// </summary>
public sealed class IntegrityValue
{
    /// <summary>Integrity strings longer than this are refused (a real one with every algorithm is under 300 bytes).</summary>
    public const int MaxLength = 4096;

    private IntegrityValue(ImmutableArray<IntegrityHash> hashes, string text)
    {
        Hashes = hashes;
        Text = text;
    }

    /// <summary>The entries of known algorithms, in the order written.</summary>
    public ImmutableArray<IntegrityHash> Hashes { get; }

    /// <summary>The string as it was given.</summary>
    public string Text { get; }

    /// <summary>The strongest entry (the last of the strongest algorithm, as ssri picks it).</summary>
    public IntegrityHash Strongest
    {
        get
        {
            var best = Hashes[0];
            foreach (var hash in Hashes)
            {
                if (hash.Algorithm >= best.Algorithm)
                {
                    best = hash;
                }
            }

            return best;
        }
    }

    /// <summary>The sha512 entry (the last one, as ssri picks), or null when there is none.</summary>
    public IntegrityHash? Sha512
    {
        get
        {
            IntegrityHash? found = null;
            foreach (var hash in Hashes)
            {
                if (hash.Algorithm == IntegrityAlgorithm.Sha512)
                {
                    found = hash;
                }
            }

            return found;
        }
    }

    /// <summary>True when the only entries are SHA-1 ones.</summary>
    public bool IsSha1Only => Strongest.Algorithm == IntegrityAlgorithm.Sha1;

    /// <summary>Reads <paramref name="text"/>; on failure <paramref name="error"/> says why, naming the entry.</summary>
    public static bool TryParse(string? text, out IntegrityValue? value, out string? error)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the integrity is empty";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"the integrity is longer than {MaxLength} characters";
            return false;
        }

        var hashes = ImmutableArray.CreateBuilder<IntegrityHash>();
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParseEntry(token, out var hash, out error))
            {
                return false;
            }

            if (hash is not null)
            {
                hashes.Add(hash);
            }
        }

        if (hashes.Count == 0)
        {
            error = "the integrity has no sha1, sha256, sha384 or sha512 entry";
            return false;
        }

        value = new IntegrityValue(hashes.ToImmutable(), text);
        error = null;
        return true;
    }

    /// <summary>True when some entry of this value and one of <paramref name="other"/> have the same algorithm and digest.</summary>
    public bool SharesHashWith(IntegrityValue other)
    {
        foreach (var a in Hashes)
        {
            foreach (var b in other.Hashes)
            {
                if (a.Equals(b))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The string as given.</summary>
    public override string ToString() => Text;

    private static bool TryParseEntry(string token, out IntegrityHash? hash, out string? error)
    {
        hash = null;
        error = null;
        int dash = token.IndexOf('-');
        if (dash <= 0)
        {
            error = $"'{Shorten(token)}' is not of the form algorithm-digest";
            return false;
        }

        IntegrityAlgorithm? algorithm = token[..dash] switch
        {
            "sha1" => IntegrityAlgorithm.Sha1,
            "sha256" => IntegrityAlgorithm.Sha256,
            "sha384" => IntegrityAlgorithm.Sha384,
            "sha512" => IntegrityAlgorithm.Sha512,
            _ => null,
        };
        if (algorithm is not { } known)
        {
            return true;
        }

        int question = token.IndexOf('?', dash);
        var digestText = question < 0 ? token[(dash + 1)..] : token[(dash + 1)..question];
        var digest = new byte[IntegrityHash.DigestLength(known)];
        if (!Convert.TryFromBase64String(digestText, digest, out int written) || written != digest.Length)
        {
            error = $"the {token[..dash]} digest '{Shorten(digestText)}' is not {digest.Length} bytes of base64";
            return false;
        }

        hash = new IntegrityHash(known, ImmutableArray.Create(digest));
        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
