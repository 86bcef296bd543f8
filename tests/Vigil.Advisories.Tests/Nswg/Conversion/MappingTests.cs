using Vigil.Advisories.Nswg;
using Vigil.Advisories.Nswg.Conversion;
using Vigil.Domain.Osv;

namespace Vigil.Advisories.Tests.Nswg.Conversion;

/// <summary>The small mappings of ADR 0003: ids, reference types, package URLs.</summary>
public sealed class MappingTests
{
    [Theory]
    [InlineData(NswgKind.Npm, 12, "NSWG-ECO-12")]
    [InlineData(NswgKind.Core, 0, "NSWG-COR-0")]
    [InlineData(NswgKind.Deps, 6, "NSWG-DEP-6")]
    public void Ids_are_formatted_and_parsed(NswgKind kind, long number, string id)
    {
        Assert.Equal(id, NswgOsvIds.Format(kind, number));
        Assert.True(NswgOsvIds.TryParse(id, out var parsedKind, out var parsedNumber));
        Assert.Equal((kind, number), (parsedKind, parsedNumber));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NSWG-ECO-")]
    [InlineData("NSWG-ECO-012")]
    [InlineData("NSWG-ECO--1")]
    [InlineData("NSWG-ECO-+1")]
    [InlineData("NSWG-ECO-1x")]
    [InlineData("NSWG-ECO-99999999999999999999")]
    [InlineData("nswg-eco-1")]
    [InlineData("NSWG-XYZ-1")]
    public void Other_ids_are_not_wg_ids(string? id) => Assert.False(NswgOsvIds.TryParse(id, out _, out _));

    [Theory]
    [InlineData("https://hackerone.com/reports/12345", OsvReferenceType.Report)]
    [InlineData("https://github.com/o/r/commit/abc123", OsvReferenceType.Fix)]
    [InlineData("https://github.com/o/r/pull/7", OsvReferenceType.Fix)]
    [InlineData("https://nvd.nist.gov/vuln/detail/CVE-2020-1234", OsvReferenceType.Advisory)]
    [InlineData("https://github.com/advisories/GHSA-aaaa-bbbb-cccc", OsvReferenceType.Advisory)]
    [InlineData("https://www.npmjs.com/advisories/123", OsvReferenceType.Advisory)]
    [InlineData("https://www.npmjs.com/package/left-pad", OsvReferenceType.Package)]
    [InlineData("https://nodejs.org/en/blog/vulnerability/june-2023-security-releases", OsvReferenceType.Advisory)]
    [InlineData("https://nodejs.org/en/blog/release/v20.0.0", OsvReferenceType.Web)]
    [InlineData("https://hackerone.com/someone", OsvReferenceType.Web)]
    [InlineData("https://nothackerone.com/reports/1", OsvReferenceType.Web)]
    [InlineData("https://example.org/a", OsvReferenceType.Web)]
    [InlineData("see the changelog", OsvReferenceType.Web)]
    [InlineData("ftp://example.org/commit/1", OsvReferenceType.Web)]
    public void References_are_typed_by_url(string url, OsvReferenceType expected) => Assert.Equal(expected, ReferenceTypes.Of(url));

    [Theory]
    [InlineData("left-pad", "pkg:npm/left-pad")]
    [InlineData("@demo/merge-kit", "pkg:npm/%40demo/merge-kit")]
    [InlineData("jQuery", "pkg:npm/jquery")]
    [InlineData("Morris.js", "pkg:npm/morris.js")]
    public void Npm_package_urls_follow_the_purl_spec(string module, string purl) => Assert.Equal(purl, NpmToOsv.Purl(module));

    [Fact]
    public void Every_kind_has_a_usual_key_order_with_every_key_once()
    {
        Assert.Equal(16, NswgKeyOrder.For(NswgKind.Npm).Distinct().Count());
        Assert.Equal(14, NswgKeyOrder.For(NswgKind.Core).Distinct().Count());
        Assert.Equal(5, NswgKeyOrder.For(NswgKind.Deps).Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => NswgKeyOrder.For((NswgKind)9));
    }
}
