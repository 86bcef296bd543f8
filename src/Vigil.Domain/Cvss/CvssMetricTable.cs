namespace Vigil.Domain.Cvss;

/// <summary>The metrics of one CVSS version, in the order of the specification's vector-string table.</summary>
internal sealed class CvssMetricTable
{
    private readonly CvssMetricDefinition[] _metrics;

    /// <param name="requiresOrder">Whether vectors must list metrics in table order (v4.0) or may use any order (v3.x).</param>
    /// <param name="metrics">The metrics in specification order.</param>
    public CvssMetricTable(bool requiresOrder, params CvssMetricDefinition[] metrics)
    {
        RequiresOrder = requiresOrder;
        _metrics = metrics;
    }

    /// <summary>Whether a vector must list its metrics in table order.</summary>
    public bool RequiresOrder { get; }

    /// <summary>The number of metrics.</summary>
    public int Count => _metrics.Length;

    /// <summary>The metric at <paramref name="index"/>.</summary>
    public CvssMetricDefinition this[int index] => _metrics[index];

    /// <summary>The index of the metric named <paramref name="name"/> (case-sensitive), or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> name)
    {
        for (var i = 0; i < _metrics.Length; i++)
        {
            if (name.SequenceEqual(_metrics[i].Name))
            {
                return i;
            }
        }

        return -1;
    }
}
