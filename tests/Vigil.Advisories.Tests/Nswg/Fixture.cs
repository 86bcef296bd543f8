using Vigil.Advisories.Nswg;

namespace Vigil.Advisories.Tests.Nswg;

/// <summary>The hand-written test files in <c>Nswg/testdata</c>, named by scenario.</summary>
internal static class Fixture
{
    /// <summary>The fixture's path in the test output folder, where the build copies testdata.</summary>
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Nswg", "testdata", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>Reads a fixture that must read cleanly; errors name it by the fixture name.</summary>
    public static T Read<T>(string name, NswgKind kind)
        where T : NswgRecord
    {
        var result = NswgReader.Read(Bytes(name), name, kind);
        Assert.True(result.Succeeded, result.Error?.ToString());
        return Assert.IsType<T>(result.Record);
    }

    /// <summary>Reads input that must fail, returning the error.</summary>
    public static NswgReadError Error(ReadOnlySpan<byte> utf8, NswgKind kind, string source = "input.json")
    {
        var result = NswgReader.Read(utf8, source, kind);
        Assert.False(result.Succeeded, "expected a read error, got " + result.Record);
        return result.Error;
    }
}
