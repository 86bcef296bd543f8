namespace Vigil.Domain.Cvss;

/// <summary>One metric of a CVSS version: its abbreviated name and its allowed abbreviated values.</summary>
internal sealed class CvssMetricDefinition
{
    private readonly string[] _values;

    /// <param name="name">The abbreviated metric name, e.g. <c>AV</c>.</param>
    /// <param name="isBase">Whether the metric is a mandatory Base metric.</param>
    /// <param name="values">The allowed values; optional metrics list <c>X</c> (Not Defined) too.</param>
    public CvssMetricDefinition(string name, bool isBase, params string[] values)
    {
        Name = name;
        IsBase = isBase;
        _values = values;
    }

    /// <summary>The abbreviated metric name.</summary>
    public string Name { get; }

    /// <summary>Whether the metric is a Base metric, which every vector must give exactly once.</summary>
    public bool IsBase { get; }

    /// <summary>The allowed values.</summary>
    public ReadOnlySpan<string> Values => _values;

    /// <summary>The position of <paramref name="value"/> among <see cref="Values"/> (case-sensitive), or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> value)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            if (value.SequenceEqual(_values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
