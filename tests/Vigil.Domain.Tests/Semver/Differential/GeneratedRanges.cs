using Vigil.Domain.Semver;

namespace Vigil.Domain.Tests.Semver.Differential;

/// <summary>Valid generated ranges read with includePrerelease (loose or not), each with versions to test against it.</summary>
internal static class GeneratedRanges
{
    public static IEnumerable<(string Text, NpmRange Range, List<NpmVersion> Versions)> Take(int seed, int count)
    {
        var generator = new SemverCaseGenerator(seed);
        for (int produced = 0; produced < count;)
        {
            var options = SemverOptions.IncludePrerelease | (generator.Options() % 2 == 0 ? SemverOptions.Loose : SemverOptions.None);
            string text = generator.Range();
            if (!NpmRange.TryParse(text, options, out var range, out _))
            {
                continue;
            }

            produced++;
            var versions = new List<NpmVersion>();
            foreach (string v in generator.VersionsNear(text).Append(generator.Version()))
            {
                if (NpmVersion.TryParse(v, options, out var version, out _))
                {
                    versions.Add(version);
                }
            }

            yield return (text, range, versions);
        }
    }
}
