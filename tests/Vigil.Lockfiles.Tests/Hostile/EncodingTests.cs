using System.Text;
using Vigil.Lockfiles.Tests.Support;

namespace Vigil.Lockfiles.Tests.Hostile;

/// <summary>Byte-level hostile input: byte order marks, NUL bytes, invalid UTF-8, git merge conflict markers.</summary>
public sealed class EncodingTests
{
    public static TheoryData<string> Formats => HostileInput.Formats;

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_byte_order_mark_is_skipped(string format)
    {
        var text = HostileInput.FixtureText(format);
        var plain = HostileInput.Read(format, text);
        var marked = HostileInput.Read(format, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        Assert.True(marked.Succeeded, marked.Error?.Message);
        Assert.Equal(Snapshot.Format(plain.Lockfile!), Snapshot.Format(marked.Lockfile));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_NUL_byte_is_an_error_at_its_line(string format)
    {
        var text = HostileInput.FixtureText(format);
        var at = text.IndexOf("ms", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text[..at] + "\0" + text[at..]);
        var error = HostileInput.AssertError(HostileInput.Read(format, bytes), LockfileErrorKind.NotText, HostileInput.LineOf(text, "ms"));
        Assert.Contains("NUL", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Invalid_UTF8_is_an_error_at_its_line_and_column(string format)
    {
        var text = HostileInput.FixtureText(format);
        var at = text.IndexOf("ms", StringComparison.Ordinal);
        var before = Encoding.UTF8.GetBytes(text[..at]);
        byte[] bytes = [.. before, 0xC3, 0x28, .. Encoding.UTF8.GetBytes(text[at..])];
        var error = HostileInput.AssertError(HostileInput.Read(format, bytes), LockfileErrorKind.NotText, HostileInput.LineOf(text, "ms"));
        var lineStart = text.LastIndexOf('\n', at) + 1;
        Assert.Equal(at - lineStart + 1, error.Column);
        Assert.Contains("0xC3", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Git_conflict_markers_are_an_error_at_the_first_marker(string format)
    {
        var lines = HostileInput.FixtureText(format).Split('\n').ToList();
        var middle = lines.Count / 2;
        lines.Insert(middle + 2, ">>>>>>> theirs");
        lines.Insert(middle + 1, "=======");
        lines.Insert(middle, "<<<<<<< HEAD");
        var error = HostileInput.AssertError(HostileInput.Read(format, string.Join('\n', lines)), LockfileErrorKind.ConflictMarkers, middle + 1);
        Assert.Contains("conflict", error.Reason, StringComparison.Ordinal);
    }
}
