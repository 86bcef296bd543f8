using Vigil.Advisories.Nswg;
using Vigil.Advisories.Nswg.Conversion;
using Vigil.Domain.Osv;

namespace Vigil.Advisories.Tests.Nswg.Conversion;

/// <summary>The hand-written conversion fixtures in <c>Nswg/Conversion/testdata</c> (and the reader's in <c>Nswg/testdata</c>).</summary>
internal static class ConversionFixture
{
    /// <summary>The file number the scenarios convert with.</summary>
    public const long FileNumber = 8;

    public static readonly OsvTimestamp ImportTime = new("2026-04-09T12:00:00Z");

    public static string PathOf(string name)
    {
        var own = Path.Combine(AppContext.BaseDirectory, "Nswg", "Conversion", "testdata", name);
        return File.Exists(own) ? own : Fixture.PathOf(name);
    }

    public static NswgKind KindOf(string name) =>
        name.StartsWith("npm", StringComparison.Ordinal) ? NswgKind.Npm
        : name.StartsWith("core", StringComparison.Ordinal) ? NswgKind.Core
        : NswgKind.Deps;

    public static NswgRecord Read(string name)
    {
        var result = NswgReader.Read(File.ReadAllBytes(PathOf(name)), name, KindOf(name));
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.Record;
    }

    public static NswgToOsvResult Convert(string name, long fileNumber = FileNumber) =>
        NswgToOsv.Convert(Read(name), fileNumber, ImportTime);

    public static OsvRecord Osv(string name)
    {
        var result = Convert(name);
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.Record;
    }
}
