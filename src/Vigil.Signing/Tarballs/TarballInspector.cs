using System.IO.Compression;
using Vigil.Signing.Integrity;

namespace Vigil.Signing.Tarballs;

/// <summary>
/// Reads a package tarball (<c>.tgz</c>) once, as a stream: hashes the compressed bytes with the integrity's
/// algorithm, decompresses with gzip and walks the tar headers (ustar, pax extended headers, GNU long names) with
/// Vigil's own reader, skipping contents without keeping them. Nothing is extracted or written anywhere; memory is
/// one 64 KiB buffer, the extended header being read and one 16-byte hash per entry path (duplicates are refused).
/// The rules: <see cref="TarballLimits"/>, <see cref="TarPathRules"/>, and entry types — regular files and folders
/// only; hard and symbolic links, devices, FIFOs, sparse files and unknown types are refused (npm's installer,
/// pacote, drops link entries and node-tar refuses devices and FIFOs, so no tarball <c>npm pack</c> made has them).
/// </summary>
public static class TarballInspector
{
    /// <summary>Inspects <paramref name="source"/> hashing it for <paramref name="expected"/>'s algorithm; never throws for its content.</summary>
    public static async ValueTask<TarballInspection> InspectAsync(Stream source, IntegrityHash expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(expected);
        using var hasher = expected.CreateHasher();
        var compressed = new HashingReadStream(source, hasher);
        var walk = new Walk();
        TarBlockReader? blocks = null;
        try
        {
            using (var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true))
            {
                blocks = new TarBlockReader(gzip, compressed);
                await walk.RunAsync(blocks, cancellationToken).ConfigureAwait(false);
            }

            await DrainAsync(compressed, cancellationToken).ConfigureAwait(false);
            return walk.Result(TarballInspectionStatus.Complete, null, hasher.GetHashAndReset(), compressed, blocks);
        }
        catch (TarballRejectedException e)
        {
            return walk.Result(TarballInspectionStatus.Rejected, e.Message, null, compressed, blocks);
        }
        catch (InvalidDataException e)
        {
            return walk.Result(TarballInspectionStatus.Rejected, "the gzip stream is malformed: " + e.Message, null, compressed, blocks);
        }
        catch (TarballSourceException e)
        {
            return walk.Result(TarballInspectionStatus.SourceFailed, e.Message, null, compressed, blocks);
        }
    }

    /// <summary>Hashes whatever follows the gzip stream, so the digest covers the whole file as downloaded.</summary>
    private static async ValueTask DrainAsync(HashingReadStream compressed, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        while (await compressed.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    /// <summary>The walk over the entries, with what it has seen so far.</summary>
    private sealed class Walk
    {
        private readonly HashSet<UInt128> _paths = [];
        private readonly byte[] _extended = new byte[TarballLimits.MaxExtendedHeaderBytes];
        private readonly byte[] _normalized = new byte[TarballLimits.MaxPathLength];
        private readonly byte[] _joined = new byte[TarballLimits.MaxPathLength + 1];
        private byte[]? _root;
        private int _entries;
        private int _files;

        public TarballInspection Result(TarballInspectionStatus status, string? problem, byte[]? digest, HashingReadStream compressed, TarBlockReader? blocks) =>
            new(status, problem, digest, compressed.BytesRead, blocks?.BytesRead ?? 0, _entries, _files,
                _root is null ? null : System.Text.Encoding.UTF8.GetString(_root));

        public async ValueTask RunAsync(TarBlockReader blocks, CancellationToken cancellationToken)
        {
            PaxHeader? pax = null;
            byte[]? longName = null;
            byte[]? longLink = null;
            while (true)
            {
                ReadOnlyMemory<byte> block;
                try
                {
                    block = await blocks.ReadBlockAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (TarballRejectedException e)
                {
                    throw new TarballRejectedException($"after entry {_entries}: {e.Message}");
                }

                if (block.IsEmpty)
                {
                    // The stream ended on a block boundary without the end-of-archive blocks: accepted, as tar does.
                    RefuseDangling(pax, longName, longLink);
                    return;
                }

                if (!block.Span.ContainsAnyExcept((byte)0))
                {
                    RefuseDangling(pax, longName, longLink);
                    if (!await blocks.RestIsZeroAsync(cancellationToken).ConfigureAwait(false))
                    {
                        throw new TarballRejectedException("there is data after the end-of-archive block (hidden from tar readers)");
                    }

                    return;
                }

                // The header's checks run in a method of their own: a loop method called once stays unoptimized
                // code under tiered compilation, one called per entry is optimized soon.
                byte type = Header(block.Span, pax, longName, longLink, out long size, out int pathLength);
                string headerName = type is (byte)'x' or (byte)'g' or (byte)'L' or (byte)'K' ? HeaderName(block.Span) : "";
                switch (type)
                {
                    case (byte)'x':
                        pax ??= new PaxHeader();
                        pax.Read((await ReadExtendedAsync(blocks, size, headerName, "pax extended header", cancellationToken).ConfigureAwait(false)).Span, headerName);
                        continue;
                    case (byte)'g':
                        var global = new PaxHeader();
                        global.Read((await ReadExtendedAsync(blocks, size, headerName, "pax global header", cancellationToken).ConfigureAwait(false)).Span, headerName);
                        if (global.SetsEntryFields)
                        {
                            throw new TarballRejectedException($"{headerName}: a pax global header sets a path, link path or size for every entry");
                        }

                        continue;
                    case (byte)'L':
                        longName = LongName((await ReadExtendedAsync(blocks, size, headerName, "GNU long name", cancellationToken).ConfigureAwait(false)).Span, headerName);
                        continue;
                    case (byte)'K':
                        longLink = LongName((await ReadExtendedAsync(blocks, size, headerName, "GNU long link name", cancellationToken).ConfigureAwait(false)).Span, headerName);
                        continue;
                }

                try
                {
                    await blocks.SkipContentAsync(size, cancellationToken).ConfigureAwait(false);
                }
                catch (TarballRejectedException e)
                {
                    throw new TarballRejectedException($"{Entry(pathLength)}: {e.Message}");
                }

                pax = null;
                longName = null;
                longLink = null;
            }
        }

        /// <summary>
        /// Checks one header block: the entry limit, the header's fields, and for a file or folder its type and path.
        /// Returns the type; <paramref name="size"/> is the data to read (extended headers) or skip (entries).
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private byte Header(ReadOnlySpan<byte> block, PaxHeader? pax, byte[]? longName, byte[]? longLink, out long size, out int pathLength)
        {
            pathLength = 0;
            if (++_entries > TarballLimits.MaxEntries)
            {
                throw new TarballRejectedException($"{HeaderName(block)}: the tarball has more than {TarballLimits.MaxEntries:N0} entries");
            }

            if (TarHeader.Validate(block, out size) is { } invalid)
            {
                throw new TarballRejectedException($"{HeaderName(block)}: {invalid}");
            }

            byte type = TarHeader.Type(block);
            if (type is (byte)'x' or (byte)'g' or (byte)'L' or (byte)'K')
            {
                return type;
            }

            pathLength = Join(pax?.Path ?? longName, TarHeader.Prefix(block), TarHeader.Name(block));
            if (pax?.Size is { } paxSize)
            {
                size = paxSize;
            }

            bool directory;
            switch (type)
            {
                case (byte)'0' or 0 or (byte)'7':
                    directory = false;
                    break;
                case (byte)'5':
                    directory = true;
                    break;
                case (byte)'1':
                    throw new TarballRejectedException($"{Entry(pathLength)} is a hard link to {TarHeader.Printable(pax?.LinkPath ?? longLink ?? TarHeader.LinkName(block))}: package tarballs hold only files and folders");
                case (byte)'2':
                    throw new TarballRejectedException($"{Entry(pathLength)} is a symbolic link to {TarHeader.Printable(pax?.LinkPath ?? longLink ?? TarHeader.LinkName(block))}: package tarballs hold only files and folders");
                case (byte)'3' or (byte)'4':
                    throw new TarballRejectedException($"{Entry(pathLength)} is a device: package tarballs hold only files and folders");
                case (byte)'6':
                    throw new TarballRejectedException($"{Entry(pathLength)} is a FIFO: package tarballs hold only files and folders");
                default:
                    throw new TarballRejectedException($"{Entry(pathLength)} has the unknown entry type {TarHeader.Printable([type])}");
            }

            CheckEntry(pathLength, directory, size);
            if (!directory)
            {
                _files++;
            }

            return type;
        }

        private static void RefuseDangling(PaxHeader? pax, byte[]? longName, byte[]? longLink)
        {
            if (pax is not null || longName is not null || longLink is not null)
            {
                throw new TarballRejectedException("the tarball ends with an extended header that no entry follows");
            }
        }

        private static byte[] LongName(ReadOnlySpan<byte> data, string headerName)
        {
            int nul = data.IndexOf((byte)0);
            return CheckedLength((nul < 0 ? data : data[..nul]).ToArray(), headerName);
        }

        /// <summary>An extended path longer than <see cref="TarballLimits.MaxPathLength"/> is refused as soon as it is read.</summary>
        public static byte[] CheckedLength(byte[] path, string headerName) => path.Length <= TarballLimits.MaxPathLength
            ? path
            : throw new TarballRejectedException($"{headerName} gives a path longer than {TarballLimits.MaxPathLength} bytes: {TarHeader.Printable(path)}");

        /// <summary>
        /// 128 bits of two FNV-1a hashes of the path. Not cryptographic, and need not be: identical paths always
        /// collide (a duplicate is never missed); a crafted collision only makes its own tarball fail. A SHA-256 per
        /// entry cost microseconds each, seconds for the largest tarballs.
        /// </summary>
        private static UInt128 PathHash(ReadOnlySpan<byte> path)
        {
            ulong a = 14695981039346656037UL;
            ulong b = 0x9E3779B97F4A7C15UL;
            foreach (byte c in path)
            {
                a = (a ^ c) * 1099511628211UL;
                b = (b ^ c) * 0x100000001B3UL;
                b ^= b >> 29;
            }

            return new UInt128(a, b);
        }

        private string HeaderName(ReadOnlySpan<byte> block) => $"entry {_entries} ({TarHeader.Printable(TarHeader.Name(block))})";

        private string Entry(int pathLength) => $"entry {_entries} {TarHeader.Printable(_joined.AsSpan(0, pathLength))}";

        private void CheckEntry(int pathLength, bool directory, long size)
        {
            var problem = TarPathRules.Check(_joined.AsSpan(0, pathLength), directory, _normalized, out int length, out int rootLength);
            if (problem is not null)
            {
                throw new TarballRejectedException($"{Entry(pathLength)} {problem}");
            }

            var root = _normalized.AsSpan(0, rootLength);
            if (_root is null)
            {
                _root = root.ToArray();
            }
            else if (!root.SequenceEqual(_root))
            {
                throw new TarballRejectedException($"{Entry(pathLength)} is outside the package folder '{System.Text.Encoding.UTF8.GetString(_root)}/' the first entry is in");
            }

            if (directory ? size != 0 : size > TarballLimits.MaxUncompressedBytes)
            {
                throw new TarballRejectedException(directory
                    ? $"{Entry(pathLength)} is a folder with content ({size:N0} bytes)"
                    : $"{Entry(pathLength)} is larger than {TarballLimits.MaxUncompressedBytes / (1024 * 1024)} MiB");
            }

            if (length > rootLength || !directory)
            {
                if (!_paths.Add(PathHash(_normalized.AsSpan(0, length))))
                {
                    throw new TarballRejectedException($"{Entry(pathLength)} appears twice (the last copy would win on install)");
                }
            }
        }

        /// <summary>Puts the entry's path in <see cref="_joined"/>: the extended one, else the ustar prefix and name; returns its length.</summary>
        private int Join(byte[]? extended, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> name)
        {
            if (extended is not null)
            {
                // Longer paths were refused when the extended header was read.
                extended.CopyTo(_joined, 0);
                return extended.Length;
            }

            if (prefix.IsEmpty)
            {
                name.CopyTo(_joined);
                return name.Length;
            }

            prefix.CopyTo(_joined);
            _joined[prefix.Length] = (byte)'/';
            name.CopyTo(_joined.AsSpan(prefix.Length + 1));
            return prefix.Length + 1 + name.Length;
        }

        private async ValueTask<ReadOnlyMemory<byte>> ReadExtendedAsync(TarBlockReader blocks, long size, string headerName, string what, CancellationToken cancellationToken)
        {
            if (size > TarballLimits.MaxExtendedHeaderBytes)
            {
                throw new TarballRejectedException($"{headerName}: the {what} is larger than {TarballLimits.MaxExtendedHeaderBytes / 1024} KiB");
            }

            await blocks.ReadPaddedAsync(_extended, (int)size, headerName, cancellationToken).ConfigureAwait(false);
            return _extended.AsMemory(0, (int)size);
        }
    }
}
