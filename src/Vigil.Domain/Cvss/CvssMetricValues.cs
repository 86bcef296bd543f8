namespace Vigil.Domain.Cvss;

/// <summary>The metric values a vector gives, indexed like its version's <see cref="CvssMetricTable"/>.</summary>
internal sealed class CvssMetricValues
{
    private const int Absent = -1;
    private readonly int[] _valueIndexes;

    /// <summary>Values for <paramref name="table"/> with every metric absent.</summary>
    public CvssMetricValues(CvssMetricTable table)
    {
        Table = table;
        _valueIndexes = new int[table.Count];
        Array.Fill(_valueIndexes, Absent);
    }

    /// <summary>The metrics these values belong to.</summary>
    public CvssMetricTable Table { get; }

    /// <summary>Whether the vector gives metric <paramref name="metric"/> (possibly as <c>X</c>).</summary>
    public bool IsPresent(int metric) => _valueIndexes[metric] != Absent;

    /// <summary>Records the value at <paramref name="valueIndex"/> of the metric's allowed values.</summary>
    public void Set(int metric, int valueIndex) => _valueIndexes[metric] = valueIndex;

    /// <summary>The value of <paramref name="metric"/> as given, or null when the vector omits it.</summary>
    public string? Get(int metric) =>
        _valueIndexes[metric] == Absent ? null : Table[metric].Values[_valueIndexes[metric]];

    /// <summary>
    /// The first letter of the value of <paramref name="metric"/>; <c>X</c> (Not Defined) when the vector omits it,
    /// as the specifications define omitted optional metrics.
    /// </summary>
    public char Letter(int metric) => Get(metric)?[0] ?? 'X';

    /// <summary>Whether any metric in [<paramref name="first"/>, <paramref name="end"/>) has a value other than Not Defined.</summary>
    public bool AnyDefined(int first, int end)
    {
        for (var metric = first; metric < end; metric++)
        {
            if (Letter(metric) != 'X')
            {
                return true;
            }
        }

        return false;
    }
}
