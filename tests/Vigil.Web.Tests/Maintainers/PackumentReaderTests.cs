using System.Text;
using System.Text.Json;
using Vigil.Web.Features.Maintainers;

namespace Vigil.Web.Tests.Maintainers;

/// <summary>The streaming reader on its own: any split of the bytes gives the same answer; limits and bad JSON are reported.</summary>
public sealed class PackumentReaderTests
{
    private static readonly string Json = FakeRegistry.Packument(
        "left-pad", 300, """{"name":"alice","email":"alice@example.org","url":{"nested":["x"]}}""", "\"bob <bob@example.org>\"", """{"name":"mallory","email":"not an address"}""", "42");

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public async Task Any_split_of_the_stream_gives_the_top_level_maintainers(int chunk)
    {
        using var stream = new TrickleStream(Encoding.UTF8.GetBytes(Json), chunk);
        var maintainers = await PackumentReader.ReadMaintainersAsync(stream, long.MaxValue, TestContext.Current.CancellationToken);

        Assert.Equal(
            [new NpmMaintainer("alice", "alice@example.org"), new NpmMaintainer("bob", "bob@example.org"), new NpmMaintainer("mallory", null)],
            maintainers);
    }

    [Fact]
    public async Task The_byte_limit_stops_reading()
    {
        using var stream = new TrickleStream(Encoding.UTF8.GetBytes(Json), 4096);
        var error = await Assert.ThrowsAsync<PackumentTooLargeException>(() => PackumentReader.ReadMaintainersAsync(stream, 100_000, TestContext.Current.CancellationToken));
        Assert.Equal(100_000, error.Limit);
        Assert.True(stream.Position <= 100_000 + 4096);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"maintainers\":[{\"name\":\"a\"")]
    [InlineData("{\"a\":1}}")]
    [InlineData("\u0000\u0001binary")]
    public async Task Bad_json_is_a_json_error(string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await Assert.ThrowsAnyAsync<JsonException>(() => PackumentReader.ReadMaintainersAsync(stream, 1 << 20, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task No_maintainers_key_gives_an_empty_list()
    {
        using var stream = new MemoryStream("{\"name\":\"x\",\"versions\":{\"1.0.0\":{\"maintainers\":[{\"name\":\"inner\",\"email\":\"inner@example.org\"}]}}}"u8.ToArray());
        Assert.Empty(await PackumentReader.ReadMaintainersAsync(stream, 1 << 20, TestContext.Current.CancellationToken));
    }

    /// <summary>A stream that hands out at most <c>chunk</c> bytes per read, as a slow network does.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
