using Vigil.Domain.Semver;

namespace Vigil.Audit.Tests;

public class AuditorTests
{
    [Fact]
    public void IsMajor_IsLeavingTheCaretRange()
    {
        var random = new Random(11);
        string[] pre = ["", "", "", "-beta.1", "-0"];
        for (int i = 0; i < 20_000; i++)
        {
            var version = NpmVersion.Parse($"{random.Next(0, 3)}.{random.Next(0, 3)}.{random.Next(0, 3)}{pre[random.Next(pre.Length)]}");
            var fix = NpmVersion.Parse($"{random.Next(0, 4)}.{random.Next(0, 4)}.{random.Next(0, 4)}");
            if (fix <= version)
            {
                continue;
            }

            bool withinCaret = NpmRange.Parse("^" + version, SemverOptions.NpmAudit).IsSatisfiedBy(fix);
            Assert.True(Auditor.IsMajor(version, fix) == !withinCaret, $"{version} -> {fix}");
        }
    }
}
