using System.Diagnostics.CodeAnalysis;
using Vigil.Domain.Semver.Internal;

namespace Vigil.Domain.Semver;

/// <summary>The operator of a <see cref="Comparator"/>.</summary>
public enum ComparatorOperator
{
    /// <summary>Matches every version (node-semver's <c>ANY</c>, written as an empty string).</summary>
    Any,

    /// <summary><c>=</c>, written as nothing: <c>1.2.3</c>.</summary>
    Equal,

    /// <summary><c>&gt;</c>.</summary>
    Greater,

    /// <summary><c>&gt;=</c>.</summary>
    GreaterOrEqual,

    /// <summary><c>&lt;</c>.</summary>
    Less,

    /// <summary><c>&lt;=</c>.</summary>
    LessOrEqual,
}

/// <summary>One operator and version, such as <c>&gt;=1.2.3</c>: the atom of a range.</summary>
public sealed class Comparator
{
    private Comparator(ComparatorOperator op, NpmVersion? version)
    {
        Operator = op;
        Version = version;
        Value = op == ComparatorOperator.Any ? string.Empty : OperatorText(op) + version!.ToString();
    }

    /// <summary>A comparator that every version satisfies.</summary>
    public static Comparator Any { get; } = new(ComparatorOperator.Any, null);

    /// <summary>The operator.</summary>
    public ComparatorOperator Operator { get; }

    /// <summary>The version; null only for <see cref="ComparatorOperator.Any"/>.</summary>
    public NpmVersion? Version { get; }

    /// <summary>The comparator as node-semver prints it (<c>value</c>).</summary>
    public string Value { get; }

    /// <summary>Whether this is node-semver's null set, <c>&lt;0.0.0-0</c>, which no version satisfies.</summary>
    public bool IsNullSet => Value == "<0.0.0-0";

    /// <summary>Creates a comparator from an operator and a version.</summary>
    public static Comparator Create(ComparatorOperator op, NpmVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return op == ComparatorOperator.Any ? Any : new Comparator(op, version);
    }

    /// <summary>Reads one comparator as <c>new Comparator(text, options)</c> does.</summary>
    public static bool TryParse(string text, SemverOptions options, [NotNullWhen(true)] out Comparator? comparator, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        string comp = JsString.Trim(text);
        if (JsString.HasWhitespace(comp))
        {
            comp = string.Join(' ', JsString.SplitOnWhitespace(comp));
        }

        bool loose = (options & SemverOptions.Loose) != 0;
        comparator = null;
        if (!Syntax.TryMatchComparator(comp, loose, out string op, out string? version))
        {
            error = $"Invalid comparator: {comp}";
            return false;
        }

        if (version is null)
        {
            comparator = Any;
            error = null;
            return true;
        }

        if (!NpmVersion.TryParse(version, loose ? SemverOptions.Loose : SemverOptions.None, out var parsed, out error))
        {
            return false;
        }

        comparator = new Comparator(ParseOperator(op), parsed);
        return true;
    }

    /// <summary>Whether <paramref name="version"/> satisfies this comparator alone.</summary>
    public bool Test(NpmVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return Operator switch
        {
            ComparatorOperator.Any => true,
            ComparatorOperator.Equal => version.CompareTo(Version) == 0,
            ComparatorOperator.Greater => version.CompareTo(Version) > 0,
            ComparatorOperator.GreaterOrEqual => version.CompareTo(Version) >= 0,
            ComparatorOperator.Less => version.CompareTo(Version) < 0,
            ComparatorOperator.LessOrEqual => version.CompareTo(Version) <= 0,
            _ => false,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => Value;

    internal static ComparatorOperator ParseOperator(string op) => op switch
    {
        ">" => ComparatorOperator.Greater,
        ">=" => ComparatorOperator.GreaterOrEqual,
        "<" => ComparatorOperator.Less,
        "<=" => ComparatorOperator.LessOrEqual,
        _ => ComparatorOperator.Equal,
    };

    internal static string OperatorText(ComparatorOperator op) => op switch
    {
        ComparatorOperator.Greater => ">",
        ComparatorOperator.GreaterOrEqual => ">=",
        ComparatorOperator.Less => "<",
        ComparatorOperator.LessOrEqual => "<=",
        _ => string.Empty,
    };
}
