using System.Text.Json;

namespace Vigil.Domain.Tests.Osv;

/// <summary>The comparison helper must itself be right, or the round-trip tests prove nothing.</summary>
public class JsonDeepEqualityTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"b":[1,2],"a":1}""")]
    [InlineData("""{"s":"caf\u00e9"}""", """{"s":"café"}""")]
    [InlineData("""[{"x":null,"y":true}]""", """[{"y":true,"x":null}]""")]
    public void Equal_documents_have_no_difference(string expected, string actual) =>
        Assert.Null(Compare(expected, actual));

    [Theory]
    [InlineData("""{"a":1.0}""", """{"a":1}""", "$.a: expected number 1.0, got 1")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""", "$.a[0]: expected number 1, got 2")]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""", "$.b: unexpected")]
    [InlineData("""{"a":1,"b":2}""", """{"a":1}""", "$.b: missing")]
    [InlineData("""{"a":null}""", """{"a":[]}""", "$.a: expected Null, got Array")]
    [InlineData("""{"a":"x"}""", """{"a":"y"}""", "$.a: expected \"x\", got \"y\"")]
    [InlineData("""[1]""", """[1,1]""", "$: expected 1 items, got 2")]
    public void Different_documents_report_the_first_difference(string expected, string actual, string difference) =>
        Assert.Equal(difference, Compare(expected, actual));

    private static string? Compare(string expected, string actual)
    {
        using var left = JsonDocument.Parse(expected);
        using var right = JsonDocument.Parse(actual);
        return JsonDeepEquality.Difference(left.RootElement, right.RootElement);
    }
}
