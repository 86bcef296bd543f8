using System.Globalization;

namespace Vigil.Domain.Tests.Cvss;

/// <summary>Reads the published test vectors in <c>Cvss/testdata/*.txt</c>: one <c>vector score…</c> per line, <c>#</c> comments.</summary>
internal static class CvssTestVectorFiles
{
    /// <summary>
    /// The testdata folder: copied beside the test assembly when the build copies <c>**/testdata/**</c>; otherwise
    /// the project's own folder, found by walking up from the test assembly (the shared <c>None Update</c> in
    /// tests/Directory.Build.props runs before the SDK adds the default None items, so it does not copy them yet).
    /// </summary>
    public static string Directory { get; } = FindDirectory();

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Cvss", "testdata");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Cvss/testdata not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string, string, string> Read(string pattern)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, pattern).Order(StringComparer.Ordinal))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                var text = line.Trim();
                if (text.Length == 0 || text.StartsWith('#'))
                {
                    continue;
                }

                var space = text.IndexOf(' ', StringComparison.Ordinal);
                data.Add($"{Path.GetFileName(file)}:{lineNumber}", text[..space], text[(space + 1)..]);
            }
        }

        return data;
    }

    public static decimal[] Scores(string expected) =>
        [.. expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => decimal.Parse(s, CultureInfo.InvariantCulture))];
}
