using System.Globalization;

namespace Vigil.Domain.Tests.Cvss;

/// <summary>Reads the published test vectors in <c>Cvss/testdata/*.txt</c>: one <c>vector score…</c> per line, <c>#</c> comments.</summary>
internal static class CvssTestVectorFiles
{
    /// <summary>The testdata folder, which the build copies beside the test assembly.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Cvss", "testdata");

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
