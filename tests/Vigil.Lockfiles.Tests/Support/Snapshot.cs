using System.Text;

namespace Vigil.Lockfiles.Tests.Support;

/// <summary>
/// The text form of everything a reader extracted, compared with the <c>.expected.txt</c> file committed beside
/// each fixture. One line per fact, so that a review (and a failing test's diff) reads line by line.
/// </summary>
internal static class Snapshot
{
    public static string Format(Lockfile lockfile)
    {
        var text = new StringBuilder();
        text.Append("format: ").Append(lockfile.Format).Append(' ').AppendLine(lockfile.FormatVersion);
        foreach (var workspace in lockfile.Workspaces)
        {
            text.Append("workspace: ").Append(workspace.Path).Append(' ').Append(workspace.Name).Append('@').AppendLine(workspace.Version);
        }

        foreach (var package in lockfile.Packages)
        {
            text.AppendLine();
            Append(text, "package", package);
        }

        foreach (var notAudited in lockfile.NotAudited)
        {
            text.AppendLine();
            Append(text, "not audited", notAudited.Package);
            text.Append("  reason: ").AppendLine(notAudited.Reason);
        }

        foreach (var warning in lockfile.Warnings)
        {
            text.AppendLine().Append("warning: ").AppendLine(warning);
        }

        return text.ToString();
    }

    /// <summary>The (name, version) pairs of every package, audited or not, one a line: what a truncation must not lose.</summary>
    public static string Packages(Lockfile lockfile) =>
        string.Join('\n', lockfile.Packages.Concat(lockfile.NotAudited.Select(n => n.Package)).Select(p => p.ToString()).Order(StringComparer.Ordinal));

    private static void Append(StringBuilder text, string label, ResolvedPackage package)
    {
        text.Append(label).Append(": ").Append(package.Name).Append('@').Append(package.Version).Append(' ').AppendLine(package.Type.ToText());
        text.Append("  source: ").AppendLine(package.Source.ToString());
        if (!package.AliasNames.IsEmpty)
        {
            text.Append("  aliases: ").AppendLine(string.Join(", ", package.AliasNames));
        }

        if (!package.Workspaces.IsEmpty)
        {
            text.Append("  workspaces: ").AppendLine(string.Join(", ", package.Workspaces));
        }

        foreach (var path in package.Paths)
        {
            text.Append("  path: ").AppendLine(path.ToString());
        }

        if (package.PathsTruncated)
        {
            text.AppendLine("  paths truncated");
        }

        if (package.Resolved is not null)
        {
            text.Append("  resolved: ").AppendLine(package.Resolved);
        }

        if (package.Integrity is not null)
        {
            text.Append("  integrity: ").AppendLine(package.Integrity);
        }
    }
}
