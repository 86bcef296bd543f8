using System.Diagnostics.CodeAnalysis;
using System.Text;
using Vigil.Domain.Semver.Internal;

namespace Vigil.Domain.Semver;

/// <summary>
/// A version as the <c>semver</c> npm package reads it (<c>new SemVer(text, options)</c>), compared as it compares.
/// </summary>
/// <remarks>
/// <para>Immutable. Parsing never throws on bad input through <see cref="TryParse"/>; it is linear in the length
/// of the text, and text longer than 256 characters is rejected at once, as node-semver does.</para>
/// <para>Ordering ignores build metadata (<c>1.0.0+a</c> equals <c>1.0.0+b</c>), as node-semver's <c>compare</c> does.</para>
/// </remarks>
public sealed class NpmVersion : IComparable<NpmVersion>, IEquatable<NpmVersion>
{
    private static readonly PrereleaseIdentifier[] NoPrerelease = [];
    private static readonly string[] NoBuild = [];

    private readonly PrereleaseIdentifier[] _prerelease;
    private readonly string[] _build;
    private string? _text;

    private NpmVersion(long major, long minor, long patch, PrereleaseIdentifier[] prerelease, string[] build)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        _prerelease = prerelease;
        _build = build;
    }

    /// <summary>The major number.</summary>
    public long Major { get; }

    /// <summary>The minor number.</summary>
    public long Minor { get; }

    /// <summary>The patch number.</summary>
    public long Patch { get; }

    /// <summary>The prerelease identifiers; empty for a release.</summary>
    public IReadOnlyList<PrereleaseIdentifier> Prerelease => _prerelease;

    /// <summary>The build metadata identifiers.</summary>
    public IReadOnlyList<string> Build => _build;

    /// <summary>Whether this is a prerelease.</summary>
    public bool IsPrerelease => _prerelease.Length > 0;

    internal PrereleaseIdentifier[] PrereleaseArray => _prerelease;

    /// <summary>Reads a version; returns false with a reason when node-semver would throw.</summary>
    public static bool TryParse(string? text, SemverOptions options, [NotNullWhen(true)] out NpmVersion? version, [NotNullWhen(false)] out string? error)
    {
        version = null;
        if (text is null)
        {
            error = "Invalid version. Must be a string.";
            return false;
        }

        if (text.Length > Grammar.MaxVersionLength)
        {
            error = $"version is longer than {Grammar.MaxVersionLength} characters";
            return false;
        }

        string trimmed = JsString.Trim(text);
        var kind = (options & SemverOptions.Loose) != 0 ? PlainKind.Loose : PlainKind.Full;
        if (!PlainMatcher.TryMatch(trimmed, 0, kind, default(AtEnd), out var m))
        {
            error = $"Invalid Version: {text}";
            return false;
        }

        bool validMajor = TryComponent(trimmed, m.Major, out long major);
        bool validMinor = TryComponent(trimmed, m.Minor, out long minor);
        bool validPatch = TryComponent(trimmed, m.Patch, out long patch);
        if (!validMajor || !validMinor || !validPatch)
        {
            error = $"Invalid {(!validMajor ? "major" : !validMinor ? "minor" : "patch")} version";
            return false;
        }

        var prerelease = m.Prerelease.Matched && m.Prerelease.End > m.Prerelease.Start
            ? Array.ConvertAll(trimmed[m.Prerelease.Start..m.Prerelease.End].Split('.'), PrereleaseIdentifier.FromText)
            : NoPrerelease;
        var build = m.Build.Matched && m.Build.End > m.Build.Start
            ? trimmed[m.Build.Start..m.Build.End].Split('.')
            : NoBuild;
        version = new NpmVersion(major, minor, patch, prerelease, build);
        error = null;
        return true;
    }

    /// <summary>Reads a version, throwing <see cref="FormatException"/> when node-semver would throw.</summary>
    public static NpmVersion Parse(string text, SemverOptions options = SemverOptions.None) =>
        TryParse(text, options, out var version, out var error) ? version : throw new FormatException(error);

    private static bool TryComponent(string s, Span span, out long value)
    {
        // Up to 15 digits the value is exact in a double too; longer runs go through JavaScript's rounding.
        if (span.End - span.Start <= 15)
        {
            value = 0;
            for (int i = span.Start; i < span.End; i++)
            {
                value = (value * 10) + (s[i] - '0');
            }

            return true;
        }

        double number = JsString.DigitsToNumber(s.AsSpan(span.Start, span.End - span.Start));
        value = (long)number;
        return number <= Grammar.MaxSafeInteger;
    }

    private static string Format(long major, long minor, long patch, PrereleaseIdentifier[] prerelease)
    {
        var sb = new StringBuilder(16).Append(major).Append('.').Append(minor).Append('.').Append(patch);
        for (int i = 0; i < prerelease.Length; i++)
        {
            sb.Append(i == 0 ? '-' : '.').Append(prerelease[i].Text);
        }

        return sb.ToString();
    }

    /// <summary>The release <c>major.minor.patch</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number is negative or above <c>Number.MAX_SAFE_INTEGER</c>.</exception>
    public static NpmVersion Create(long major, long minor, long patch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(major);
        ArgumentOutOfRangeException.ThrowIfNegative(minor);
        ArgumentOutOfRangeException.ThrowIfNegative(patch);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Max(major, Math.Max(minor, patch)), Grammar.MaxSafeInteger);
        return new NpmVersion(major, minor, patch, NoPrerelease, NoBuild);
    }

    /// <summary>
    /// The lowest release (no prerelease) that sorts after this version: <c>1.2.4</c> after <c>1.2.3</c>,
    /// <c>1.2.3</c> after <c>1.2.3-beta</c>; null past the largest version there can be.
    /// </summary>
    public NpmVersion? NextRelease() =>
        IsPrerelease ? Create(Major, Minor, Patch)
        : Patch < Grammar.MaxSafeInteger ? Create(Major, Minor, Patch + 1)
        : Minor < Grammar.MaxSafeInteger ? Create(Major, Minor + 1, 0)
        : Major < Grammar.MaxSafeInteger ? Create(Major + 1, 0, 0)
        : null;

    /// <summary>
    /// The lowest version that sorts after this one, or null if there is none: <c>1.2.4-0</c> after
    /// <c>1.2.3</c>, <c>1.2.3-alpha.0</c> after <c>1.2.3-alpha</c>. It turns "greater than v" into "at least".
    /// </summary>
    public NpmVersion? Successor()
    {
        PrereleaseIdentifier[] zero = [PrereleaseIdentifier.FromText("0")];
        if (IsPrerelease)
        {
            return new NpmVersion(Major, Minor, Patch, [.. _prerelease, .. zero], NoBuild);
        }

        return Patch < Grammar.MaxSafeInteger ? new NpmVersion(Major, Minor, Patch + 1, zero, NoBuild)
            : Minor < Grammar.MaxSafeInteger ? new NpmVersion(Major, Minor + 1, 0, zero, NoBuild)
            : Major < Grammar.MaxSafeInteger ? new NpmVersion(Major + 1, 0, 0, zero, NoBuild)
            : null;
    }

    /// <summary>node-semver's <c>compare</c>: main numbers, then prereleases (a release sorts after its prereleases).</summary>
    public int CompareTo(NpmVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (Major != other.Major)
        {
            return Major < other.Major ? -1 : 1;
        }

        if (Minor != other.Minor)
        {
            return Minor < other.Minor ? -1 : 1;
        }

        if (Patch != other.Patch)
        {
            return Patch < other.Patch ? -1 : 1;
        }

        return ComparePrerelease(_prerelease, other._prerelease);
    }

    private static int ComparePrerelease(PrereleaseIdentifier[] a, PrereleaseIdentifier[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 0 : a.Length == 0 ? 1 : -1;
        }

        for (int i = 0; ; i++)
        {
            if (i == a.Length || i == b.Length)
            {
                return a.Length == b.Length ? 0 : i == a.Length ? -1 : 1;
            }

            if (!a[i].Equals(b[i]))
            {
                // As in node-semver, the first unequal pair decides, even when it compares as 0.
                return PrereleaseIdentifier.Compare(a[i], b[i]);
            }
        }
    }

    /// <summary>Equality by <see cref="CompareTo"/> (build metadata ignored).</summary>
    public bool Equals(NpmVersion? other) => other is not null && CompareTo(other) == 0;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NpmVersion other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, IsPrerelease);

    /// <summary>The version as node-semver formats it: <c>major.minor.patch[-prerelease]</c>, no build.</summary>
    public override string ToString() => _text ??= Format(Major, Minor, Patch, _prerelease);

    /// <summary>Compares two versions, a null version sorting first.</summary>
    public static bool operator <(NpmVersion? left, NpmVersion? right) => Compare(left, right) < 0;

    /// <summary>Compares two versions, a null version sorting first.</summary>
    public static bool operator <=(NpmVersion? left, NpmVersion? right) => Compare(left, right) <= 0;

    /// <summary>Compares two versions, a null version sorting first.</summary>
    public static bool operator >(NpmVersion? left, NpmVersion? right) => Compare(left, right) > 0;

    /// <summary>Compares two versions, a null version sorting first.</summary>
    public static bool operator >=(NpmVersion? left, NpmVersion? right) => Compare(left, right) >= 0;

    /// <summary>Equality as <see cref="Equals(NpmVersion)"/>.</summary>
    public static bool operator ==(NpmVersion? left, NpmVersion? right) => Compare(left, right) == 0;

    /// <summary>Inequality as <see cref="Equals(NpmVersion)"/>.</summary>
    public static bool operator !=(NpmVersion? left, NpmVersion? right) => Compare(left, right) != 0;

    private static int Compare(NpmVersion? left, NpmVersion? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}
