using Vigil.Advisories.Nswg;
using Vigil.Advisories.Nswg.Conversion;
using Vigil.Domain.Osv;
using Vigil.Testing;

namespace Vigil.Advisories.Tests.Nswg.Conversion;

/// <summary>The WG's real records (read from the shared data folder, never copied), each with its OSV conversion.</summary>
internal static class WgSnapshot
{
    /// <summary>The <c>modified</c> time the tests give core and deps records, as an import would.</summary>
    public static readonly OsvTimestamp ImportTime = new("2026-04-09T12:00:00Z");

    private static readonly Lazy<IReadOnlyList<WgFile>> LazyFiles = new(Load);

    public static IReadOnlyList<WgFile> Files => LazyFiles.Value;

    private static IReadOnlyList<WgFile> Load()
    {
        var root = SharedData.NodejsSecurityWg;
        return [.. NswgPath.EnumerateRecordFiles(root).Select(path =>
        {
            var bytes = File.ReadAllBytes(path);
            var name = Path.GetRelativePath(root, path).Replace('\\', '/');
            Assert.True(NswgPath.TryGetKind(path, out var kind));
            var read = NswgReader.Read(bytes, name, kind);
            Assert.True(read.Succeeded, read.Error?.ToString());
            var number = NswgPath.FileNumber(path) ?? throw new InvalidOperationException(name);
            return new WgFile(name, number, bytes, read.Record, NswgToOsv.Convert(read.Record, number, ImportTime));
        })];
    }
}

/// <summary>One WG file: its name (<c>npm/12.json</c>), number, bytes, record and conversion.</summary>
internal sealed record WgFile(string Name, long Number, byte[] Bytes, NswgRecord Record, NswgToOsvResult Conversion)
{
    /// <summary>The converted record; the test fails when the conversion did.</summary>
    public OsvRecord Osv => Conversion.Record ?? throw new InvalidOperationException(Conversion.Error!.ToString());

    public override string ToString() => Name;
}
