using System.Text.Json;
using Vigil.Domain.Semver;
using static Vigil.Domain.Tests.Semver.NodeSemverFixtures;

namespace Vigil.Domain.Tests.Semver;

/// <summary>Every row of node-semver's own fixture tables, asserted the way node-semver's tests assert them.</summary>
public class NodeSemverFixtureTests
{
    public static TheoryData<int, string> RangeParse => Indexed("range-parse.json");

    public static TheoryData<int, string> RangeInclude => Indexed("range-include.json");

    public static TheoryData<int, string> RangeExclude => Indexed("range-exclude.json");

    public static TheoryData<int, string> Comparisons => Indexed("comparisons.json");

    public static TheoryData<int, string> Equality => Indexed("equality.json");

    public static TheoryData<int, string> ValidVersions => Indexed("valid-versions.json");

    public static TheoryData<int, string> InvalidVersions => Indexed("invalid-versions.json");

    public static TheoryData<int, string> GreaterThanRange => Indexed("version-gt-range.json");

    public static TheoryData<int, string> NotGreaterThanRange => Indexed("version-not-gt-range.json");

    public static TheoryData<int, string> LessThanRange => Indexed("version-lt-range.json");

    public static TheoryData<int, string> NotLessThanRange => Indexed("version-not-lt-range.json");

    public static TheoryData<int, string> RangeIntersection => Indexed("range-intersection.json");

    public static TheoryData<int, string> ComparatorIntersection => Indexed("comparator-intersection.json");

    [Theory, MemberData(nameof(RangeParse))]
    public void ValidRange_GivesNodeSemversCanonicalForm(int index, string row)
    {
        var r = Row("range-parse.json", index);
        string? expected = r[1].ValueKind == JsonValueKind.Null ? null : r[1].GetString();
        string? actual = NpmRange.TryParse(Text(r[0]), Options(r, 2), out var range, out _) ? range.Canonical : null;
        Assert.True(expected == actual, $"{row}: got {actual ?? "null"}");
    }

    [Theory, MemberData(nameof(RangeInclude))]
    public void Satisfies_IncludedRows(int index, string row)
    {
        var r = Row("range-include.json", index);
        Assert.True(Satisfies(r), row);
    }

    [Theory, MemberData(nameof(RangeExclude))]
    public void Satisfies_ExcludedRows(int index, string row)
    {
        var r = Row("range-exclude.json", index);
        Assert.False(Satisfies(r), row);
    }

    private static bool Satisfies(JsonElement[] r) =>
        NpmRange.TryParse(Text(r[0]), Options(r, 2), out var range, out _) && range.IsSatisfiedBy(Text(r[1])!);

    [Theory, MemberData(nameof(Comparisons))]
    public void Compare_FirstIsGreater(int index, string row)
    {
        var r = Row("comparisons.json", index);
        var options = Options(r, 2);
        var v0 = NpmVersion.Parse(Text(r[0])!, options);
        var v1 = NpmVersion.Parse(Text(r[1])!, options);
        Assert.True(v0.CompareTo(v1) == 1 && v1.CompareTo(v0) == -1, row);
        Assert.True(v0.CompareTo(v0) == 0 && v1.CompareTo(v1) == 0, row);
        Assert.True(v0 > v1 && v1 < v0 && v0 != v1, row);
    }

    [Theory, MemberData(nameof(Equality))]
    public void Compare_Equal(int index, string row)
    {
        var r = Row("equality.json", index);
        var options = Options(r, 2);
        var v0 = NpmVersion.Parse(Text(r[0])!, options);
        var v1 = NpmVersion.Parse(Text(r[1])!, options);
        Assert.True(v0.CompareTo(v1) == 0 && v0 == v1 && v0 >= v1 && v0 <= v1, row);
    }

    [Theory, MemberData(nameof(ValidVersions))]
    public void Parse_ValidVersion_HasItsParts(int index, string row)
    {
        var r = Row("valid-versions.json", index);
        Assert.True(NpmVersion.TryParse(Text(r[0]), SemverOptions.None, out var v, out _), row);
        Assert.Equal(r[1].GetInt64(), v.Major);
        Assert.Equal(r[2].GetInt64(), v.Minor);
        Assert.Equal(r[3].GetInt64(), v.Patch);
        var pre = r[4].EnumerateArray().ToArray();
        Assert.Equal(pre.Length, v.Prerelease.Count);
        for (int i = 0; i < pre.Length; i++)
        {
            Assert.Equal(pre[i].ValueKind == JsonValueKind.Number, v.Prerelease[i].IsNumber);
            Assert.Equal(pre[i].ToString(), v.Prerelease[i].Text);
        }

        Assert.Equal(r[5].EnumerateArray().Select(e => e.GetString()), v.Build);
    }

    [Theory, MemberData(nameof(InvalidVersions))]
    public void Parse_InvalidVersion_IsRejected(int index, string row)
    {
        var r = Row("invalid-versions.json", index);
        Assert.False(NpmVersion.TryParse(Text(r[0]), Options(r, 2), out _, out string? error), row);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory, MemberData(nameof(GreaterThanRange))]
    public void Gtr_True(int index, string row) => Assert.True(Outside("version-gt-range.json", index, high: true), row);

    [Theory, MemberData(nameof(NotGreaterThanRange))]
    public void Gtr_False(int index, string row) => Assert.False(Outside("version-not-gt-range.json", index, high: true), row);

    [Theory, MemberData(nameof(LessThanRange))]
    public void Ltr_True(int index, string row) => Assert.True(Outside("version-lt-range.json", index, high: false), row);

    [Theory, MemberData(nameof(NotLessThanRange))]
    public void Ltr_False(int index, string row) => Assert.False(Outside("version-not-lt-range.json", index, high: false), row);

    private static bool Outside(string file, int index, bool high)
    {
        var r = Row(file, index);
        var options = Options(r, 2);
        var range = NpmRange.Parse(Text(r[0])!, options);
        var version = NpmVersion.Parse(Text(r[1])!, options);
        return high ? RangeRelations.IsGreaterThanRange(version, range) : RangeRelations.IsLessThanRange(version, range);
    }

    [Theory, MemberData(nameof(RangeIntersection))]
    public void Intersects_Ranges(int index, string row)
    {
        var r = Row("range-intersection.json", index);
        var a = NpmRange.Parse(Text(r[0])!);
        var b = NpmRange.Parse(Text(r[1])!);
        bool expected = r[2].GetBoolean();
        Assert.True(RangeRelations.Intersects(a, b, SemverOptions.None) == expected, row);
        Assert.True(RangeRelations.Intersects(b, a, SemverOptions.None) == expected, row);
    }

    [Theory, MemberData(nameof(ComparatorIntersection))]
    public void Intersects_Comparators(int index, string row)
    {
        var r = Row("comparator-intersection.json", index);
        Assert.True(Comparator.TryParse(Text(r[0])!, SemverOptions.None, out var a, out _), row);
        Assert.True(Comparator.TryParse(Text(r[1])!, SemverOptions.None, out var b, out _), row);
        var options = r.Length > 3 && r[3].ValueKind == JsonValueKind.True ? SemverOptions.IncludePrerelease : SemverOptions.None;
        bool expected = r[2].GetBoolean();
        Assert.True(RangeRelations.Intersects(a, b, options) == expected, row);
        Assert.True(RangeRelations.Intersects(b, a, options) == expected, row);
    }
}
