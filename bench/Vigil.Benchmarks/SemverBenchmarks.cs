using BenchmarkDotNet.Attributes;
using Vigil.Domain.Semver;

namespace Vigil.Benchmarks;

/// <summary>
/// Versions parsed per second, and <c>satisfies</c> checks per second on pre-parsed ranges and versions
/// (the auditor's inner loop). Each operation works through a batch, so per-item figures are the mean time
/// divided by the batch size (<see cref="BenchmarkDotNet.Attributes.BenchmarkAttribute.OperationsPerInvoke"/>).
/// </summary>
[MemoryDiagnoser]
public class SemverBenchmarks
{
    private const int Batch = 10_000;

    private string[] _versionTexts = [];
    private NpmVersion[] _versions = [];
    private NpmRange[] _ranges = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        string[] prereleases = ["", "", "", "", "-beta.1", "-rc.2", "-alpha", "-0"];
        _versionTexts = [.. Enumerable.Range(0, Batch).Select(_ =>
            $"{random.Next(0, 30)}.{random.Next(0, 50)}.{random.Next(0, 200)}{prereleases[random.Next(prereleases.Length)]}")];
        _versions = [.. _versionTexts.Select(v => NpmVersion.Parse(v, SemverOptions.NpmAudit))];

        // Ranges shaped like the WG's vulnerable_versions.
        string[] shapes = ["<{0}.{1}.{2}", ">={0}.0.0 <{0}.{1}.{2}", "<={0}.{1}.{2}", "^{0}.{1}.{2}", "<{0}.{1}.{2} || >={3}.0.0 <{3}.{1}.{2}", "{0}.{1}.x || {0}.{2}.x"];
        _ranges = [.. Enumerable.Range(0, Batch).Select(_ => NpmRange.Parse(
            string.Format(System.Globalization.CultureInfo.InvariantCulture, shapes[random.Next(shapes.Length)], random.Next(0, 30), random.Next(0, 50), random.Next(0, 200), random.Next(0, 30)),
            SemverOptions.NpmAudit))];
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int ParseVersions()
    {
        int valid = 0;
        foreach (string text in _versionTexts)
        {
            if (NpmVersion.TryParse(text, SemverOptions.NpmAudit, out _, out _))
            {
                valid++;
            }
        }

        return valid;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Satisfies()
    {
        int hits = 0;
        for (int i = 0; i < Batch; i++)
        {
            if (_ranges[i].IsSatisfiedBy(_versions[i]))
            {
                hits++;
            }
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int ParseRanges()
    {
        int valid = 0;
        for (int i = 0; i < Batch; i++)
        {
            if (NpmRange.TryParse("<" + _versionTexts[i] + " || >=99.0.0", SemverOptions.NpmAudit, out _, out _))
            {
                valid++;
            }
        }

        return valid;
    }
}
