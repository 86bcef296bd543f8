using System.Text;
using Vigil.Advisories.Nswg;

namespace Vigil.Advisories.Tests.Nswg;

/// <summary>Broken and hostile input: every error is returned (never thrown) with file:line:column.</summary>
public sealed class ReaderErrorTests
{
    [Theory]
    [InlineData("duplicate-key.json", NswgKind.Npm, 4, 3, "duplicate key 'id' in the same object")]
    [InlineData("duplicate-key-nested.json", NswgKind.Npm, 5, 5, "duplicate key 'name' in the same object")]
    [InlineData("not-json.json", NswgKind.Npm, 1, 1, "invalid JSON: 'i' is an invalid start of a value.")]
    [InlineData("trailing-comma.json", NswgKind.Core, 4, 3, "invalid JSON: a comma before a closing bracket or brace is not allowed")]
    [InlineData("comment.json", NswgKind.Core, 2, 3, "invalid JSON: comments are not allowed")]
    [InlineData("top-level-array.json", NswgKind.Npm, 1, 1, "an npm record must be a JSON object, not an array")]
    [InlineData("npm-cves-not-array.json", NswgKind.Npm, 7, 3, "'cves' must be an array of strings, not a string")]
    [InlineData("npm-cves-item-not-string.json", NswgKind.Npm, 5, 5, "'cves' must be an array of strings: item 1 is a number")]
    [InlineData("npm-null-title.json", NswgKind.Npm, 3, 3, "'title' must be a string, not null")]
    [InlineData("npm-null-author.json", NswgKind.Npm, 3, 3, "'author' must be an object, not null")]
    [InlineData("core-score-as-string.json", NswgKind.Core, 4, 3, "'cvss_score' must be a number, not a string")]
    public void Broken_fixture_gives_its_position_and_reason(string name, NswgKind kind, int line, int column, string reason)
    {
        var error = Fixture.Error(Fixture.Bytes(name), kind, name);

        Assert.Equal(new NswgReadError(name, line, column, reason), error);
        Assert.Equal($"{name}:{line}:{column}: {reason}", error.ToString());
    }

    [Fact]
    public void Truncated_file_is_reported_at_its_end()
    {
        var text = Encoding.UTF8.GetString(Fixture.Bytes("truncated.json"));
        var lines = text.Split('\n');

        var error = Fixture.Error(Fixture.Bytes("truncated.json"), NswgKind.Npm);

        Assert.Equal((lines.Length, lines[^1].Length + 1), (error.Line, error.Column));
        Assert.StartsWith("unexpected end of file: the JSON is truncated", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\": 1", 1, 9)]
    [InlineData("{\"id\": [1, 2", 1, 13)]
    [InlineData("{\"title\": \"abc", 1, 15)]
    [InlineData("{\"id\": tr", 1, 10)]
    [InlineData("{\n  \"id\": 1,\n", 3, 1)]
    public void Every_kind_of_truncation_is_reported_as_such(string json, int line, int column)
    {
        var error = Fixture.Error(Encoding.UTF8.GetBytes(json), NswgKind.Npm);

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith("unexpected end of file", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t ")]
    public void Empty_input_is_reported(string json)
    {
        var error = Fixture.Error(Encoding.UTF8.GetBytes(json), NswgKind.Core);

        Assert.Equal(new NswgReadError("input.json", 1, 1, "the file is empty: there is no JSON value"), error);
    }

    [Theory]
    [InlineData("{} x", 1, 4, "invalid JSON: 'x' is invalid after a single JSON value. Expected end of data.")]
    [InlineData("{}\r\n{}", 2, 1, "invalid JSON: '{' is invalid after a single JSON value. Expected end of data.")]
    [InlineData("{\r\n  \"a\": 1,\r\n  \"b\": tru\r\n}", 3, 11, "invalid JSON: 'tru\\r\\n}' is an invalid JSON literal. Expected the literal 'true'.")]
    [InlineData("{\"a\": 01}", 1, 8, "invalid JSON: Invalid leading zero before '1'.")]
    [InlineData("{'a': 1}", 1, 2, "invalid JSON: ''' is an invalid start of a property name. Expected a '\"'.")]
    [InlineData("{\"a\": \"x\u0001\"}", 1, 9, "invalid JSON: '0x01' is invalid within a JSON string. The string should be correctly escaped.")]
    public void Syntax_errors_are_reported_on_one_line_with_their_position(string json, int line, int column, string reason)
    {
        Assert.Equal(new NswgReadError("input.json", line, column, reason), Fixture.Error(Encoding.UTF8.GetBytes(json), NswgKind.Npm));
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        var error = Fixture.Error(Encoding.UTF8.GetBytes("{\"title\": \"Žluťoučký 🐴\", \"x\": }"), NswgKind.Npm);

        Assert.Equal((1, 31), (error.Line, error.Column));
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_the_bad_byte()
    {
        byte[] json = [.. "{\"t\": \"ok\",\n \"u\": \""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Equal(new NswgReadError("input.json", 2, 8, "invalid UTF-8: byte 0xC3 does not start a valid character"), Fixture.Error(json, NswgKind.Npm));
    }

    [Fact]
    public void A_lone_surrogate_escape_is_refused()
    {
        var error = Fixture.Error("{\"title\": \"\\ud800\"}"u8, NswgKind.Npm);

        Assert.Equal(new NswgReadError("input.json", 1, 11, "invalid string: a \\u escape is half of a UTF-16 surrogate pair"), error);
    }

    [Fact]
    public void Nesting_of_64_levels_is_read_and_65_is_refused()
    {
        static byte[] Nested(int arrays) => Encoding.UTF8.GetBytes("{\"x\": " + new string('[', arrays) + new string(']', arrays) + "}");

        var result = NswgReader.Read(Nested(63), "deep.json", NswgKind.Deps);
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.True(result.Record.Extra.TryGetValue("x", out _));

        Assert.Equal(new NswgReadError("input.json", 1, 70, "nesting deeper than 64 levels of objects and arrays"), Fixture.Error(Nested(64), NswgKind.Deps));
    }

    [Fact]
    public void Very_deep_nesting_is_refused_without_recursion()
    {
        var json = Encoding.UTF8.GetBytes("{\"x\": " + new string('[', 200_000));

        Assert.Equal("nesting deeper than 64 levels of objects and arrays", Fixture.Error(json, NswgKind.Deps).Reason);
    }

    [Fact]
    public void Input_over_10_MiB_is_refused_before_parsing()
    {
        var json = new byte[NswgReader.MaxFileBytes + 1];
        json.AsSpan().Fill((byte)' ');
        json[0] = (byte)'{';
        json[^1] = (byte)'}';

        Assert.Equal(new NswgReadError("input.json", 0, 0, "the file is 10485761 bytes; files over 10485760 bytes (10 MiB) are rejected"), Fixture.Error(json, NswgKind.Npm));
        Assert.Equal("input.json: the file is 10485761 bytes; files over 10485760 bytes (10 MiB) are rejected", Fixture.Error(json, NswgKind.Npm).ToString());
    }

    [Fact]
    public void Input_of_exactly_10_MiB_is_read()
    {
        var json = new byte[NswgReader.MaxFileBytes];
        json.AsSpan().Fill((byte)' ');
        "{\"reason\": \"component_not_present\"}"u8.CopyTo(json);

        Assert.True(NswgReader.Read(json, "big.json", NswgKind.Deps).Succeeded);
    }

    [Fact]
    public void A_file_over_10_MiB_is_refused_from_its_size()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vigil-nswg-{Guid.NewGuid():N}.json");
        try
        {
            using (var stream = File.Create(path))
            {
                stream.SetLength(NswgReader.MaxFileBytes + 1L);
            }

            var result = NswgReader.Read(path, NswgKind.Npm);

            Assert.Equal(new NswgReadError(path, 0, 0, "the file is 10485761 bytes; files over 10485760 bytes (10 MiB) are rejected"), result.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_files_folders_and_non_record_paths_are_errors_not_exceptions()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"vigil-nswg-{Guid.NewGuid():N}", "npm", "1.json");
        var folder = Path.GetTempPath();

        Assert.StartsWith("cannot read the file: ", NswgReader.Read(missing, NswgKind.Npm).Error!.Reason, StringComparison.Ordinal);
        Assert.Equal(new NswgReadError(folder, 0, 0, "cannot read the file: it is a folder"), NswgReader.Read(folder, NswgKind.Npm).Error);
        Assert.StartsWith("not a WG record file", NswgReader.Read("vuln/npm/index.json").Error!.Reason, StringComparison.Ordinal);
        Assert.StartsWith("cannot read the file: ", NswgReader.Read(missing).Error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => NswgReader.Read("{}"u8, null!, NswgKind.Npm));
        Assert.Throws<ArgumentNullException>(() => NswgReader.Read(null!, NswgKind.Npm));
        Assert.Throws<ArgumentNullException>(() => NswgReader.Read(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => NswgReader.Read("{}"u8, "x.json", (NswgKind)7));
    }

    [Fact]
    public void Random_garbage_never_throws()
    {
        var random = new Random(20240611);
        var seed = Fixture.Bytes("npm-valid.json");
        for (var i = 0; i < 2000; i++)
        {
            var bytes = seed.ToArray();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var cut = bytes.AsSpan(0, random.Next(bytes.Length + 1));
            var result = NswgReader.Read(cut, "fuzz.json", (NswgKind)(i % 3));

            Assert.True(result.Succeeded || result.Error!.Line >= 1, result.Error?.ToString());
        }
    }
}
