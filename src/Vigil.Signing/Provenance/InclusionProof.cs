using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vigil.Signing.Provenance;

/// <summary>
/// A log entry's Merkle inclusion proof (<c>tlogEntries[].inclusionProof</c>) with the log's signed checkpoint: the
/// proof leads from the entry's leaf hash to the root hash of a tree size, and the checkpoint (a signed note:
/// origin, size, base64 root, a blank line, then <c>— name base64(keyHint‖signature)</c> lines) is that root signed
/// with the log's key. Hashing is RFC 6962's (leaf <c>0x00</c>, node <c>0x01</c>, SHA-256).
/// </summary>
internal sealed record InclusionProof(long LogIndex, long TreeSize, byte[] RootHash, byte[][] Hashes, string Checkpoint)
{
    /// <summary>Proofs longer than this are refused (a tree of 2^64 leaves needs 64 hashes).</summary>
    public const int MaxHashes = 64;

    public static InclusionProof Parse(JsonElement proof, string where)
    {
        var hashes = new List<byte[]>();
        foreach (var hash in Json.Array(proof, "hashes", where).EnumerateArray())
        {
            if (hashes.Count == MaxHashes)
            {
                throw ProvenanceException.Invalid($"{where}: more than {MaxHashes} hashes");
            }

            hashes.Add(hash.ValueKind == JsonValueKind.String && hash.TryGetBytesFromBase64(out var bytes) && bytes.Length == 32
                ? bytes
                : throw ProvenanceException.Invalid($"{where}: a hash is not 32 bytes of base64"));
        }

        return new InclusionProof(
            Json.Int64(proof, "logIndex", where),
            Json.Int64(proof, "treeSize", where),
            Json.Base64(proof, "rootHash", where),
            [.. hashes],
            Json.String(Json.Object(proof, "checkpoint", where), "envelope", where + ".checkpoint"));
    }

    /// <summary>Verifies the proof for <paramref name="body"/> and the checkpoint's signature by <paramref name="log"/>'s <paramref name="key"/>.</summary>
    public void Verify(byte[] body, TrustedLog log, ECDsa key)
    {
        VerifyCheckpoint(log, key);
        if (LogIndex < 0 || LogIndex >= TreeSize)
        {
            throw ProvenanceException.Invalid($"the inclusion proof's index {LogIndex} is outside its tree of {TreeSize}");
        }

        ulong index = (ulong)LogIndex;
        int inner = 64 - (int)ulong.LeadingZeroCount(index ^ (ulong)(TreeSize - 1));
        int border = (int)ulong.PopCount(index >> inner);
        if (Hashes.Length != inner + border)
        {
            throw ProvenanceException.Invalid($"the inclusion proof has {Hashes.Length} hashes, not the {inner + border} its index and tree size need");
        }

        byte[] hash = SHA256.HashData([0x00, .. body]);
        for (int i = 0; i < inner; i++)
        {
            hash = ((index >> i) & 1) == 1 ? Node(Hashes[i], hash) : Node(hash, Hashes[i]);
        }

        for (int i = inner; i < Hashes.Length; i++)
        {
            hash = Node(Hashes[i], hash);
        }

        if (!CryptographicOperations.FixedTimeEquals(hash, RootHash))
        {
            throw ProvenanceException.Invalid("the inclusion proof does not lead from the entry to the log's root hash");
        }
    }

    private void VerifyCheckpoint(TrustedLog log, ECDsa key)
    {
        int split = Checkpoint.IndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw ProvenanceException.Invalid("the log checkpoint is not a signed note (no blank line)");
        }

        var note = Checkpoint[..(split + 1)];
        var lines = note.TrimEnd('\n').Split('\n');
        if (lines.Length < 3
            || !long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out long size)
            || !Convert.TryFromBase64String(lines[2], new byte[32], out int written) || written != 32)
        {
            throw ProvenanceException.Invalid("the log checkpoint does not give a tree size and a root hash");
        }

        if (size != TreeSize || !Convert.FromBase64String(lines[2]).AsSpan().SequenceEqual(RootHash))
        {
            throw ProvenanceException.Invalid("the log checkpoint is of another tree than the inclusion proof");
        }

        var data = Encoding.UTF8.GetBytes(note);
        foreach (var line in Checkpoint[(split + 2)..].Split('\n'))
        {
            var parts = line.Split(' ');
            if (parts.Length != 3 || parts[0] != "\u2014" || !log.BaseUrl.Contains(parts[1], StringComparison.Ordinal))
            {
                continue;
            }

            byte[] signature;
            try
            {
                signature = Convert.FromBase64String(parts[2]);
            }
            catch (FormatException)
            {
                continue;
            }

            if (signature.Length > 4 && signature.AsSpan(0, 4).SequenceEqual(log.LogId.AsSpan(0, 4))
                && key.VerifyData(data, signature.AsSpan(4), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
            {
                return;
            }
        }

        throw ProvenanceException.Invalid($"the log checkpoint has no valid signature of the transparency log {log.BaseUrl}");
    }

    private static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);
}
