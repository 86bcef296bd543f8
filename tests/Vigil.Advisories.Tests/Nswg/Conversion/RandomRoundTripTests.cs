using System.Text.Json;
using Vigil.Advisories.Nswg;
using Vigil.Advisories.Nswg.Conversion;
using Vigil.Domain.Osv;

namespace Vigil.Advisories.Tests.Nswg.Conversion;

/// <summary>
/// Random WG records, every key absent, null or one of a pool of awkward values, through OSV JSON and back:
/// the same record every time (or, for npm records without a module name or a real <c>updated_at</c>, an error).
/// </summary>
public sealed class RandomRoundTripTests
{
    private static readonly string?[] Texts = [null, "", "plain", " padded ", "ünïcødé ✓", "line\nbreak", "quote \" and \\", "<script>"];
    private static readonly string?[] Dates = [null, "2021-03-04", "2021-02-30", "21-03-04", "2024-02-29", ""];
    private static readonly string?[] Ranges = [null, "<1.2.3", ">=1.0.0 <2.0.0 || 3.x", "unknown", "", "<0.0.0", "*", "~1.2.3-beta.1", " 10.x || 12.x "];
    private static readonly string?[] Vectors =
    [
        null, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", " CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
        "3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "",
    ];
    private static readonly string?[] Numbers = [null, "5.0", "10", "-1", "7.50", "1e2", "0"];
    private static readonly string?[] Urls = [null, "https://hackerone.com/reports/1", "https://example.org/a", "not a url", ""];
    private static readonly string?[] Cves = [null, "CVE-2021-1234", "CVE-2021-123", "see CVE-2021-4567", ""];

    [Fact]
    public void Random_records_come_back_the_same()
    {
        var random = new Random(3003);
        int converted = 0, refused = 0;
        for (var i = 0; i < 3_000; i++)
        {
            NswgRecord record = (i % 3) switch { 0 => Npm(random), 1 => Core(random), _ => Deps(random) };
            var result = NswgToOsv.Convert(record, random.Next(1000), new OsvTimestamp("2026-01-01T00:00:00Z"));
            if (record is NswgNpmRecord npm && (string.IsNullOrEmpty(npm.ModuleName) || OsvFieldsAreNotDates(npm.UpdatedAt)))
            {
                Assert.False(result.Succeeded);
                refused++;
                continue;
            }

            Assert.True(result.Succeeded, result.Error?.ToString());
            var back = OsvToNswg.Convert(OsvJson.Read(OsvJson.Write(result.Record)));
            Assert.True(back.Succeeded, back.Error?.ToString());
            Assert.Equal(RealDataConversionTests.WithoutLayout(record), RealDataConversionTests.WithoutLayout(back.Record));
            converted++;
        }

        Assert.True(converted > 2_000 && refused > 100, $"{converted} converted, {refused} refused");
    }

    private static bool OsvFieldsAreNotDates(string? date) => date is not ("2021-03-04" or "2024-02-29");

    private static NswgNpmRecord Npm(Random r) => new()
    {
        Id = Pick(r, Numbers) is { } id ? NswgNumber.Parse(id) : null,
        CreatedAt = Pick(r, Dates),
        UpdatedAt = r.Next(4) == 0 ? Pick(r, Dates) : "2021-03-04",
        Title = Pick(r, Texts),
        Author = r.Next(4) == 0 ? null : new NswgNpmAuthor
        {
            Name = Pick(r, Texts),
            Website = Field(r, Urls),
            Username = Field(r, Texts),
            Extra = Extra(r, "twitter"),
        },
        ModuleName = r.Next(6) == 0 ? Pick(r, Texts) : Pick(r, ["left-pad", "@scope/pkg", "jQuery"]),
        PublishDate = Pick(r, Dates),
        Cves = List(r, Cves),
        VulnerableVersions = Field(r, Ranges),
        PatchedVersions = Field(r, Ranges),
        Overview = Pick(r, Texts),
        Recommendation = Field(r, Texts),
        References = r.Next(3) switch { 0 => default, 1 => NswgField.Null<NswgList<string>>(), _ => NswgField.Of(List(r, Urls) ?? NswgList.Empty<string>()) },
        CvssVector = Field(r, Vectors),
        CvssScore = r.Next(4) switch { 0 => default, 1 => NswgField.Null<NswgNumber>(), _ => NswgField.Of(NswgNumber.Parse(Pick(r, Numbers) ?? "1")) },
        CoordinatingVendor = Field(r, Texts),
        Extra = Extra(r, "severity"),
    };

    private static NswgCoreRecord Core(Random r) => new()
    {
        Cve = List(r, Cves),
        Vulnerable = Pick(r, Ranges),
        Patched = Pick(r, Ranges),
        Ref = Pick(r, Urls),
        Description = Pick(r, Texts),
        Overview = Pick(r, Texts),
        Author = Pick(r, Texts),
        ReportedBy = Pick(r, Texts),
        PublishDate = Pick(r, Dates),
        Type = Pick(r, Texts),
        Cvss = Pick(r, Vectors),
        CvssScore = Pick(r, Numbers) is { } score ? NswgNumber.Parse(score) : null,
        AffectedEnvironments = List(r, ["all", "linux", "win32", "darwin", ""]),
        Severity = Pick(r, ["low", "high", "Critical", "", null]),
        Extra = Extra(r, "notes"),
    };

    private static NswgDepsRecord Deps(Random r) => new()
    {
        Cve = List(r, Cves),
        Description = Pick(r, Texts),
        Overview = Pick(r, Texts),
        Ref = Pick(r, Urls),
        Reason = Pick(r, ["vulnerable_code_not_in_execute_path", "not_affected", "", null]),
        Extra = Extra(r, "kind"),
    };

    private static string? Pick(Random r, string?[] pool) => pool[r.Next(pool.Length)];

    private static NswgField<string> Field(Random r, string?[] pool) =>
        r.Next(4) switch { 0 => default, 1 => NswgField.Null<string>(), _ => Pick(r, pool) is { } value ? NswgField.Of(value) : NswgField.Null<string>() };

    private static NswgList<string>? List(Random r, string?[] pool) =>
        r.Next(4) == 0 ? null : NswgList.From(Enumerable.Range(0, r.Next(4)).Select(_ => Pick(r, pool) ?? "x"));

    /// <summary>Sometimes an extra key (possibly named like an OSV-side key, such as <c>kind</c>) with nested JSON.</summary>
    private static NswgExtraFields Extra(Random r, string name)
    {
        if (r.Next(3) != 0)
        {
            return NswgExtraFields.Empty;
        }

        using var document = JsonDocument.Parse("""{"a": [1, 2.50, null, true], "b": {"c": "d"}}""");
        return NswgExtraFields.Create([new(name, document.RootElement), new("zz", document.RootElement.GetProperty("a"))]);
    }
}
