using System.Text.Json;
using Vigil.Advisories.Nswg;
using Vigil.Advisories.Nswg.Conversion;
using Vigil.Domain.Osv;

namespace Vigil.Advisories.Tests.Nswg.Conversion;

/// <summary>Every real WG record through OSV and back.</summary>
public sealed class RealDataConversionTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_record_converts_and_the_warnings_name_their_file_and_field()
    {
        var files = WgSnapshot.Files;
        Assert.All(Enum.GetValues<NswgKind>(), kind => Assert.Contains(files, f => f.Record.Kind == kind));
        Assert.All(files, f => Assert.True(f.Conversion.Succeeded, f.Conversion.Error?.ToString()));
        foreach (var warning in files.SelectMany(f => f.Conversion.Warnings.Select(w => (f, w))))
        {
            output.WriteLine(warning.w.ToString());
            Assert.Equal(warning.f.Name, warning.w.Source);
            Assert.StartsWith($"{warning.f.Name}: {warning.w.Field}: ", warning.w.ToString(), StringComparison.Ordinal);
        }

        output.WriteLine($"{files.Sum(f => f.Conversion.Warnings.Count)} warnings in {files.Count(f => f.Conversion.Warnings.Count > 0)} of {files.Count} records");
    }

    [Fact]
    public void Back_from_osv_every_record_is_the_same_in_every_field()
    {
        foreach (var file in WgSnapshot.Files)
        {
            var back = OsvToNswg.Convert(file.Osv);
            Assert.True(back.Succeeded, back.Error?.ToString());
            Assert.Equal(WithoutLayout(file.Record), WithoutLayout(back.Record));
        }
    }

    [Fact]
    public void Back_from_stored_osv_json_every_record_is_the_same_in_every_field()
    {
        foreach (var file in WgSnapshot.Files)
        {
            var json = OsvJson.Write(file.Osv);
            var stored = OsvJson.Read(json, file.Name);
            Assert.Equal(file.Osv, stored);
            var back = OsvToNswg.Convert(stored);
            Assert.True(back.Succeeded, back.Error?.ToString());
            Assert.Equal(WithoutLayout(file.Record), WithoutLayout(back.Record));
        }
    }

    [Fact]
    public void Export_is_the_original_json_but_for_key_order_and_whitespace()
    {
        foreach (var file in WgSnapshot.Files)
        {
            var exported = NswgWriter.Write(OsvToNswg.Convert(file.Osv).Record!);
            using var original = JsonDocument.Parse(file.Bytes);
            using var again = JsonDocument.Parse(exported);
            Assert.Equal(JsonCanonical.Of(original.RootElement), JsonCanonical.Of(again.RootElement));
        }
    }

    [Fact]
    public void Export_writes_the_usual_key_order_and_is_byte_identical_exactly_when_the_file_has_it()
    {
        var identical = 0;
        foreach (var file in WgSnapshot.Files)
        {
            var rebuilt = OsvToNswg.Convert(file.Osv).Record!;
            var exported = NswgWriter.Write(rebuilt);
            using var document = JsonDocument.Parse(exported);
            var keys = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            var usual = NswgKeyOrder.For(file.Record.Kind);
            Assert.Equal(usual.Where(keys.Contains).Concat(file.Record.Extra.Select(e => e.Key)), keys);

            var sameOrder = file.Record.KeyOrder.Equals(rebuilt.KeyOrder)
                && (file.Record is not NswgNpmRecord { Author: { } author } || author.KeyOrder.SequenceEqual(NswgKeyOrder.NpmAuthor.Where(author.KeyOrder.Contains)));
            var usualLayout = file.Record.Format == NswgFormat.ForKind(file.Record.Kind);
            var same = exported.AsSpan().SequenceEqual(file.Bytes);
            Assert.True(same == (sameOrder && usualLayout), $"{file.Name}: byte-identical {same}, usual key order {sameOrder}, usual layout {usualLayout}");
            identical += same ? 1 : 0;
        }

        output.WriteLine($"byte-identical re-exports: {identical} of {WgSnapshot.Files.Count}");
        foreach (var kind in Enum.GetValues<NswgKind>())
        {
            var files = WgSnapshot.Files.Where(f => f.Record.Kind == kind).ToList();
            output.WriteLine($"  {kind}: {files.Count(f => NswgWriter.Write(OsvToNswg.Convert(f.Osv).Record!).AsSpan().SequenceEqual(f.Bytes))} of {files.Count}");
        }
    }

    [Fact]
    public void The_usual_key_order_is_followed_by_more_files_than_any_other_files_order()
    {
        foreach (var kind in Enum.GetValues<NswgKind>())
        {
            var orders = WgSnapshot.Files.Where(f => f.Record.Kind == kind).Select(f => f.Record.KeyOrder.ToList()).ToList();
            var usual = NswgKeyOrder.For(kind);
            var followed = orders.Count(o => Follows(o, usual));
            foreach (var candidate in orders.Select(o => o.Concat(usual.Where(k => !o.Contains(k))).ToList()))
            {
                Assert.True(orders.Count(o => Follows(o, candidate)) <= followed, $"{kind}: [{string.Join(", ", candidate)}] is followed by more files");
            }

            output.WriteLine($"{kind}: {followed} of {orders.Count} files follow the usual order");
        }
    }

    /// <summary>The record without what OSV does not keep: key order and layout (the record's and its author's).</summary>
    internal static NswgRecord WithoutLayout(NswgRecord record)
    {
        var bare = record switch
        {
            NswgNpmRecord { Author: { } author } npm => npm with { Author = author with { KeyOrder = NswgList.Empty<string>() } },
            _ => record,
        };
        return bare with { KeyOrder = NswgList.Empty<string>(), Format = null };
    }

    /// <summary>True when the keys of <paramref name="order"/> appear in <paramref name="reference"/> in the same order.</summary>
    private static bool Follows(IReadOnlyList<string> order, IReadOnlyList<string> reference)
    {
        var positions = order.Select(k => reference.ToList().IndexOf(k)).ToList();
        return positions.All(p => p >= 0) && positions.SequenceEqual(positions.Order());
    }
}
