namespace Vigil.Domain.Tests.Osv;

/// <summary>The OSV fixtures (see testdata/README.md for where each came from).</summary>
internal static class OsvFixtures
{
    /// <summary>The testdata folder, which the build copies beside the test assembly.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Osv", "testdata");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static byte[] Invalid(string name) => Bytes(Path.Combine("invalid", name));

    /// <summary>The valid records: every <c>*.json</c> directly in testdata.</summary>
    public static TheoryData<string> Valid()
    {
        var names = Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        return new TheoryData<string>(names!);
    }
}
