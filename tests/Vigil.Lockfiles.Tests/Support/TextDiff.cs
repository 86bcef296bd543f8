using System.Text;

namespace Vigil.Lockfiles.Tests.Support;

/// <summary>A line diff (longest common subsequence) of two small texts, as <c>-</c>/<c>+</c> lines with a little context.</summary>
internal static class TextDiff
{
    public static string Diff(string expected, string actual)
    {
        var a = expected.ReplaceLineEndings("\n").Split('\n');
        var b = actual.ReplaceLineEndings("\n").Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Mark, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x++]));
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                lines.Add(('+', b[y++]));
            }
            else
            {
                lines.Add(('-', a[x++]));
            }
        }

        var output = new StringBuilder("--- expected\n+++ actual\n");
        for (var i = 0; i < lines.Count; i++)
        {
            var near = Enumerable.Range(Math.Max(0, i - 2), Math.Min(lines.Count, i + 3) - Math.Max(0, i - 2)).Any(k => lines[k].Mark != ' ');
            if (near)
            {
                output.Append(lines[i].Mark).Append(' ').Append(lines[i].Text).Append('\n');
            }
        }

        return output.ToString();
    }
}
