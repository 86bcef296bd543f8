using System.Text;
using Vigil.Domain.Osv;

namespace Vigil.Domain.Tests.Osv;

/// <summary>Bad input gives one documented error with the file, 1-based line and column, and a readable reason.</summary>
public class OsvReadErrorTests
{
    // Positions were worked out from the fixture text (offending token; the object's '{' for a missing property).
    [Theory]
    [InlineData("not-json.txt", 1, 1, "invalid JSON: 'T' is an invalid start of a value")]
    [InlineData("truncated.json", 9, 1, "invalid JSON: Expected depth to be zero at the end of the JSON payload")]
    [InlineData("duplicate-id.json", 5, 3, "duplicate property 'id'")]
    [InlineData("duplicate-escaped-key.json", 4, 3, "duplicate property 'id'")]
    [InlineData("duplicate-in-database-specific.json", 7, 5, "duplicate property 'database_specific.severity'")]
    [InlineData("duplicate-package-name.json", 5, 58, "duplicate property 'affected[0].package.name'")]
    [InlineData("summary-not-string.json", 4, 14, "expected a string for 'summary'")]
    [InlineData("affected-not-array.json", 4, 15, "expected an array for 'affected'")]
    [InlineData("related-null.json", 4, 14, "expected an array for 'related'")]
    [InlineData("event-two-keys.json", 12, 38, "event 'affected[0].ranges[0].events[1]' has more than one key ('introduced' and 'fixed')")]
    [InlineData("event-empty.json", 6, 74, "event 'affected[0].ranges[0].events[1]' is empty")]
    [InlineData("event-version-not-string.json", 6, 85, "expected a string for 'affected[0].ranges[0].events[1].fixed'")]
    [InlineData("missing-id.json", 1, 1, "'id' is required")]
    [InlineData("missing-modified.json", 1, 1, "'modified' is required")]
    [InlineData("package-missing-name.json", 5, 18, "'affected[0].package.name' is required")]
    [InlineData("range-missing-events.json", 4, 31, "'affected[0].ranges[0].events' is required")]
    [InlineData("reference-missing-url.json", 4, 68, "'references[1].url' is required")]
    [InlineData("database-specific-not-object.json", 4, 24, "expected an object for 'database_specific'")]
    [InlineData("root-array.json", 1, 1, "expected a JSON object")]
    [InlineData("two-records.json", 2, 1, "invalid JSON: '{' is invalid after a single JSON value")]
    [InlineData("crlf-and-multibyte-before-error.json", 4, 35, "expected a string for 'details'")]
    [InlineData("trailing-comma.json", 4, 1, "invalid JSON: The JSON object contains a trailing comma at the end which is not supported in this mode.")]
    [InlineData("comment.json", 2, 3, "invalid JSON:")]
    public void Bad_input_reports_where_and_why(string fixture, int line, int column, string reason)
    {
        var ok = OsvJson.TryRead(OsvFixtures.Invalid(fixture), fixture, out var record, out var error);

        Assert.False(ok);
        Assert.Null(record);
        Assert.NotNull(error);
        Assert.Equal((fixture, line, column), (error.SourceName, error.Line, error.Column));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("reader options", error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"{fixture}:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_throws_only_OsvReadException_carrying_the_error()
    {
        var input = OsvFixtures.Invalid("missing-modified.json");

        var exception = Assert.Throws<OsvReadException>(() => OsvJson.Read(input, "advisory.json"));

        Assert.Equal("advisory.json:1:1: 'modified' is required", exception.Message);
        Assert.Equal(exception.Message, exception.Error.Message);
        Assert.Equal("", exception.Error.Path);
    }

    [Fact]
    public void The_error_path_locates_nested_problems()
    {
        OsvJson.TryRead(OsvFixtures.Invalid("package-missing-name.json"), null, out _, out var error);

        Assert.Equal("affected[0].package", error!.Path);
        Assert.Equal("<input>", error.SourceName);
    }

    [Theory]
    [InlineData(62, true)] // record, database_specific, then 62 arrays: 64 levels
    [InlineData(63, false)]
    public void Nesting_is_limited_to_64_levels(int arrays, bool accepted)
    {
        var json = """{"id":"x","modified":"2024-01-01T00:00:00Z","database_specific":{"deep":"""
            + new string('[', arrays) + new string(']', arrays) + "}}";

        var ok = OsvJson.TryRead(Encoding.UTF8.GetBytes(json), "deep.json", out _, out var error);

        Assert.Equal(accepted, ok);
        if (!accepted)
        {
            var column = json.IndexOf('[', StringComparison.Ordinal) + 62 + 1; // the 63rd '['
            Assert.Equal((1, column), (error!.Line, error.Column));
            Assert.Contains("nested deeper than the limit of 64 levels", error.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Nesting_in_unknown_properties_is_limited_too()
    {
        var json = """{"id":"x","modified":"2024-01-01T00:00:00Z","x_deep":""" + new string('[', 64) + new string(']', 64) + "}";

        Assert.False(OsvJson.TryRead(Encoding.UTF8.GetBytes(json), null, out _, out var error));
        Assert.Contains("'x_deep", error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Thousands_of_nested_arrays_fail_cleanly()
    {
        var json = """{"id":"x","modified":"m","x":""" + new string('[', 100_000);

        Assert.False(OsvJson.TryRead(Encoding.UTF8.GetBytes(json), null, out _, out var error));
        Assert.Contains("nested deeper", error!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { }, 1, 1, "invalid JSON")]
    [InlineData(new byte[] { 0x20, 0x0A, 0x20 }, 2, 2, "invalid JSON")]
    public void Empty_input_is_an_error(byte[] input, int line, int column, string reason)
    {
        Assert.False(OsvJson.TryRead(input, "empty.json", out _, out var error));
        Assert.Equal((line, column), (error!.Line, error.Column));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_an_error_not_a_crash()
    {
        var input = Encoding.UTF8.GetBytes("""{"id":"x","modified":"m","summary":"ab"}""").ToList();
        input.Insert(input.Count - 3, 0xFF); // inside "ab"

        Assert.False(OsvJson.TryRead(input.ToArray(), null, out _, out var error));
        Assert.Equal(1, error!.Line);
    }

    [Fact]
    public void Invalid_utf8_inside_free_form_json_is_an_error_not_a_crash()
    {
        var input = Encoding.UTF8.GetBytes("""{"id":"x","modified":"m","database_specific":{"a":"ab"}}""").ToList();
        input.Insert(input.Count - 4, 0xC3); // a truncated two-byte sequence inside "ab"

        Assert.False(OsvJson.TryRead(input.ToArray(), null, out _, out var error));
        Assert.Equal(1, error!.Line);
    }

    [Fact]
    public void A_lone_surrogate_escape_is_rejected_with_the_path()
    {
        const string json = """{"id":"x","modified":"m","details":"\ud800"}""";

        Assert.False(OsvJson.TryRead(Encoding.UTF8.GetBytes(json), null, out _, out var error));
        Assert.Equal("'details' holds text that is not valid UTF-8 or UTF-16", error!.Reason);
        Assert.Equal((1, json.IndexOf("\"\\ud800", StringComparison.Ordinal) + 1), (error.Line, error.Column));
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var input = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"id":"x","modified":"m"}""")).ToArray();

        Assert.Equal("x", OsvJson.Read(input).Id);
    }
}
