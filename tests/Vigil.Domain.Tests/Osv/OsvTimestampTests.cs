using Vigil.Domain.Osv;

namespace Vigil.Domain.Tests.Osv;

public class OsvTimestampTests
{
    [Theory]
    [InlineData("2021-03-08T16:02:43Z", 2021, 3, 8, 16, 2, 43, 0L, 0)]
    [InlineData("2024-01-03T23:23:36.586611Z", 2024, 1, 3, 23, 23, 36, 5_866_110L, 0)]
    [InlineData("2023-07-30T21:58:01.850977029Z", 2023, 7, 30, 21, 58, 1, 8_509_770L, 0)] // nanoseconds truncated
    [InlineData("2023-07-13T02:46:57.600Z", 2023, 7, 13, 2, 46, 57, 6_000_000L, 0)]
    [InlineData("2021-03-08t16:02:43z", 2021, 3, 8, 16, 2, 43, 0L, 0)]
    [InlineData("2021-03-08T18:02:43+02:00", 2021, 3, 8, 18, 2, 43, 0L, 120)]
    [InlineData("2021-03-08T11:32:43-04:30", 2021, 3, 8, 11, 32, 43, 0L, -270)]
    [InlineData("2024-02-29T00:00:00Z", 2024, 2, 29, 0, 0, 0, 0L, 0)]
    public void Rfc3339_text_is_parsed(string text, int year, int month, int day, int hour, int minute, int second, long fractionTicks, int offsetMinutes)
    {
        var timestamp = new OsvTimestamp(text);

        var expected = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(fractionTicks);
        Assert.Equal(expected, timestamp.Value);
        Assert.Equal(expected.Offset, timestamp.Value!.Value.Offset);
        Assert.True(timestamp.IsRfc3339);
        Assert.Equal(text, timestamp.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2021-03-08")]
    [InlineData("2021-03-08T16:02:43")]
    [InlineData("2021-03-08 16:02:43Z")]
    [InlineData("2021-03-08T16:02Z")]
    [InlineData("2021-13-08T16:02:43Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2021-03-08T24:00:00Z")]
    [InlineData("2021-03-08T16:02:60Z")] // a leap second: valid RFC 3339, not representable
    [InlineData("2021-03-08T16:02:43.Z")]
    [InlineData("2021-03-08T16:02:43+0200")]
    [InlineData("2021-03-08T16:02:43+15:00")] // valid RFC 3339, beyond DateTimeOffset
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")] // before DateTimeOffset.MinValue in UTC
    [InlineData("2021-03-08T16:02:43Z ")]
    [InlineData("２０２１-03-08T16:02:43Z")]
    public void Other_text_is_kept_but_not_parsed(string text)
    {
        var timestamp = new OsvTimestamp(text);

        Assert.Null(timestamp.Value);
        Assert.False(timestamp.IsRfc3339);
        Assert.Equal(text, timestamp.Text);
    }

    [Fact]
    public void A_record_with_a_non_rfc3339_timestamp_round_trips_unchanged()
    {
        var record = OsvJson.Read("""{"id":"x","modified":"2021-03-08 16:02"}"""u8);

        Assert.Null(record.Modified.Value);
        Assert.Equal("""{"id":"x","modified":"2021-03-08 16:02"}""", OsvJson.WriteString(record, indented: false));
    }

    [Theory]
    [InlineData(0L, "2024-01-03T23:23:36Z")]
    [InlineData(5_866_110L, "2024-01-03T23:23:36.586611Z")]
    [InlineData(1L, "2024-01-03T23:23:36.0000001Z")]
    public void Instants_are_formatted_in_utc_with_fractions_only_when_needed(long ticks, string expected)
    {
        var instant = new DateTimeOffset(2024, 1, 4, 1, 23, 36, TimeSpan.FromHours(2)).AddTicks(ticks);

        var timestamp = OsvTimestamp.FromDateTimeOffset(instant);

        Assert.Equal(expected, timestamp.Text);
        Assert.Equal(instant, timestamp.Value);
    }

    [Fact]
    public void Timestamps_compare_by_text()
    {
        Assert.Equal(new OsvTimestamp("2021-03-08T16:02:43Z"), new OsvTimestamp("2021-03-08T16:02:43Z"));
        Assert.NotEqual(new OsvTimestamp("2021-03-08T16:02:43Z"), new OsvTimestamp("2021-03-08T16:02:43.0Z"));
        Assert.Equal("2021-03-08T16:02:43Z", new OsvTimestamp("2021-03-08T16:02:43Z").ToString());
    }
}
