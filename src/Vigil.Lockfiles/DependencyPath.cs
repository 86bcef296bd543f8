using System.Collections.Immutable;

namespace Vigil.Lockfiles;

/// <summary>
/// One way the project reaches a package: the names of the dependencies followed, from a direct dependency of the
/// root project down to the package itself. Each name is the one its parent declares, so an npm alias appears under
/// its alias (<c>"ms-one": "npm:ms@1.0.0"</c> is <c>ms-one</c>). A workspace is reached from the root through its
/// name, so the paths of a workspace's dependencies start with the workspace's name.
/// </summary>
public sealed class DependencyPath
{
    private string? _text;

    /// <summary>Creates a path.</summary>
    /// <exception cref="ArgumentException"><paramref name="names"/> is empty.</exception>
    public DependencyPath(ImmutableArray<string> names)
    {
        if (names.IsDefaultOrEmpty)
        {
            throw new ArgumentException("A path names at least one dependency.", nameof(names));
        }

        Names = names;
    }

    /// <summary>The names, from the direct dependency to the package.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>The direct dependency that brings the package in.</summary>
    public string DirectDependency => Names[0];

    /// <summary>The names joined by <c> &gt; </c>, as npm prints them.</summary>
    public override string ToString() => _text ??= string.Join(" > ", Names);
}
