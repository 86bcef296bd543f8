using System.Diagnostics.CodeAnalysis;
using System.Text;
using Vigil.Domain.Semver.Internal;

namespace Vigil.Domain.Semver;

/// <summary>
/// A range as the <c>semver</c> npm package reads it (<c>new Range(text, options)</c>): a union (<c>||</c>) of
/// sets of comparators that must all hold.
/// </summary>
/// <remarks>
/// <para>Immutable. Every form node-semver accepts is accepted with the same meaning: x-ranges, tilde, caret,
/// hyphen ranges, <c>||</c>, <c>v</c>/<c>=</c> prefixes, loose whitespace, and the quirks in between.</para>
/// <para>One deliberate difference: text longer than <see cref="MaxLength"/> characters is rejected, where
/// node-semver has no limit. No real range comes near it, and the limit keeps hostile input cheap.</para>
/// </remarks>
public sealed class NpmRange
{
    private readonly Comparator[][] _sets;
    private string? _formatted;

    private NpmRange(Comparator[][] sets, SemverOptions options)
    {
        _sets = sets;
        Options = options;
    }

    /// <summary>The longest range text accepted.</summary>
    public const int MaxLength = RangeParser.MaxLength;

    /// <summary>The options the range was read with; they also govern <see cref="IsSatisfiedBy(NpmVersion)"/>.</summary>
    public SemverOptions Options { get; }

    /// <summary>The comparator sets: a version satisfies the range when it satisfies every comparator of one set.</summary>
    public IReadOnlyList<IReadOnlyList<Comparator>> Sets => _sets;

    /// <summary>Reads a range; returns false with a reason when node-semver would throw.</summary>
    public static bool TryParse(string? text, SemverOptions options, [NotNullWhen(true)] out NpmRange? range, [NotNullWhen(false)] out string? error)
    {
        range = null;
        if (text is null)
        {
            error = "Invalid SemVer Range: a range must be a string";
            return false;
        }

        if (!RangeParser.TryParse(text, options, out var sets, out error))
        {
            return false;
        }

        range = new NpmRange([.. sets], options);
        return true;
    }

    /// <summary>Reads a range, throwing <see cref="FormatException"/> when node-semver would throw.</summary>
    public static NpmRange Parse(string text, SemverOptions options = SemverOptions.None) =>
        TryParse(text, options, out var range, out var error) ? range : throw new FormatException(error);

    /// <summary>Whether the version satisfies the range (node-semver's <c>range.test</c>).</summary>
    public bool IsSatisfiedBy(NpmVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        foreach (var set in _sets)
        {
            if (TestSet(set, version))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the version with this range's options and tests it; an invalid version never satisfies.</summary>
    public bool IsSatisfiedBy(string version) =>
        NpmVersion.TryParse(version, Options, out var parsed, out _) && IsSatisfiedBy(parsed);

    private bool TestSet(Comparator[] set, NpmVersion version)
    {
        foreach (var comparator in set)
        {
            if (!comparator.Test(version))
            {
                return false;
            }
        }

        if (!version.IsPrerelease || (Options & SemverOptions.IncludePrerelease) != 0)
        {
            return true;
        }

        // A prerelease only matches when a comparator names a prerelease of the same major.minor.patch:
        // ^1.2.3-pr.1 admits 1.2.3-pr.2 but not 1.2.4-alpha.
        foreach (var comparator in set)
        {
            var allowed = comparator.Version;
            if (allowed is { IsPrerelease: true } &&
                allowed.Major == version.Major && allowed.Minor == version.Minor && allowed.Patch == version.Patch)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The range as node-semver formats it (<c>range.range</c>): sets joined by <c>||</c>, comparators by a space.
    /// Empty when the range matches everything; <see cref="Canonical"/> writes that as <c>*</c>.
    /// </summary>
    public override string ToString() => _formatted ??= Format();

    /// <summary>What node-semver's <c>validRange</c> returns: the formatted range, or <c>*</c>.</summary>
    public string Canonical => ToString() is { Length: > 0 } text ? text : "*";

    private string Format()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < _sets.Length; i++)
        {
            if (i > 0)
            {
                sb.Append("||");
            }

            for (int k = 0; k < _sets[i].Length; k++)
            {
                if (k > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(_sets[i][k].Value);
            }
        }

        return sb.ToString();
    }
}
