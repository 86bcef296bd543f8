using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Audit.Reporting;
using Vigil.Signing.Integrity;

namespace Vigil.Cli.Commands.Sign;

/// <summary>
/// What <c>vigil sign</c> needs from a package tarball: its sha512 integrity (of the file's bytes, as npm computes
/// it) and the name and version of its <c>package/package.json</c>. Read as a stream, nothing extracted, with limits.
/// </summary>
static class TarballFacts
{
    /// <summary>Tarballs larger than this are refused (npm's registry refuses packages over a few hundred MB).</summary>
    public const long MaxTarballBytes = 1L << 30;

    /// <summary>At most this many bytes are decompressed while looking for package.json.</summary>
    public const long MaxUnpackedBytes = 512L << 20;

    /// <summary>At most this many entries are looked at.</summary>
    public const int MaxEntries = 100_000;

    /// <summary>A package.json larger than this is refused.</summary>
    public const int MaxManifestBytes = 1 << 20;

    /// <summary>The sha512 integrity of the file at <paramref name="path"/>.</summary>
    public static IntegrityValue Integrity(string path)
    {
        using var file = File.OpenRead(path);
        if (file.Length > MaxTarballBytes)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"{TerminalText.Clean(path)}: larger than {MaxTarballBytes >> 20} MB");
        }

        return IntegrityValue.TryParse("sha512-" + Convert.ToBase64String(SHA512.HashData(file)), out var value, out var error)
            ? value!
            : throw new InvalidOperationException(error);
    }

    /// <summary>The name and version of the tarball's <c>package.json</c> (the one in its top folder, <c>package/</c> as npm packs).</summary>
    public static (string Name, string Version) NameAndVersion(string path)
    {
        string shown = TerminalText.Clean(path);
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var limited = new LimitedStream(gzip, MaxUnpackedBytes);
            using var tar = new TarReader(limited);
            for (int count = 0; count < MaxEntries; count++)
            {
                var entry = tar.GetNextEntry();
                if (entry is null)
                {
                    throw new CliException(ExitCodes.UnreadableInput, $"{shown}: no package/package.json in the tarball; give --name and --version");
                }

                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && IsTopPackageJson(entry.Name))
                {
                    return ReadManifest(entry, shown);
                }
            }

            throw new CliException(ExitCodes.UnreadableInput, $"{shown}: more than {MaxEntries} entries before package.json");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or ArgumentException or OverflowException or NotSupportedException)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"{shown}: not a gzipped tar archive ({e.Message})");
        }
    }

    private static bool IsTopPackageJson(string name)
    {
        int slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && name[(slash + 1)..] == "package.json";
    }

    private static (string Name, string Version) ReadManifest(TarEntry entry, string shown)
    {
        if (entry.Length > MaxManifestBytes || entry.DataStream is null)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"{shown}: {entry.Name} is larger than {MaxManifestBytes} bytes or empty");
        }

        var bytes = new byte[entry.Length];
        entry.DataStream.ReadExactly(bytes);
        try
        {
            using var json = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                && root.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String)
            {
                return (name.GetString()!, version.GetString()!);
            }
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"{shown}: {entry.Name} is not valid JSON (line {e.LineNumber + 1})");
        }

        throw new CliException(ExitCodes.UnreadableInput, $"{shown}: {entry.Name} has no string 'name' and 'version'; give --name and --version");
    }

    /// <summary>A read-only stream that fails after a number of bytes (a decompression bomb stops there).</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            read += n;
            if (read > limit)
            {
                throw new InvalidDataException($"more than {limit >> 20} MB unpacked");
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
