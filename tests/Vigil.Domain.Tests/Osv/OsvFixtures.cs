using System.Runtime.CompilerServices;

namespace Vigil.Domain.Tests.Osv;

/// <summary>The OSV fixtures (see testdata/README.md for where each came from).</summary>
internal static class OsvFixtures
{
    /// <summary>
    /// The copy next to the test assembly when the build copied it, else the source folder: the shared
    /// <c>**/testdata/**</c> copy rule does not apply yet (it updates None items before the SDK adds them).
    /// </summary>
    public static string Folder { get; } = Locate();

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static byte[] Invalid(string name) => Bytes(Path.Combine("invalid", name));

    /// <summary>The valid records: every <c>*.json</c> directly in testdata.</summary>
    public static TheoryData<string> Valid()
    {
        var names = Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        return new TheoryData<string>(names!);
    }

    private static string Locate([CallerFilePath] string source = "")
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Osv", "testdata");
        return Directory.Exists(copied) ? copied : Path.Combine(Path.GetDirectoryName(source)!, "testdata");
    }
}
