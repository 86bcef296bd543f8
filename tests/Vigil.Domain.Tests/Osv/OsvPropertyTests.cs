using Vigil.Domain.Osv;

namespace Vigil.Domain.Tests.Osv;

/// <summary>Properties that must hold for any record, checked on many seeded random records.</summary>
public class OsvPropertyTests
{
    private const int Seed = 20240501;
    private const int Count = 500;

    [Fact]
    public void Write_then_read_gives_back_every_generated_record()
    {
        var records = new OsvRandomRecords(Seed);
        for (var i = 0; i < Count; i++)
        {
            var record = records.Record();

            var indented = OsvJson.Write(record);
            var compact = OsvJson.Write(record, indented: false);

            Assert.True(record.Equals(OsvJson.Read(indented)), $"record {i} (seed {Seed}) changed:\n{OsvJson.WriteString(record)}");
            Assert.True(record.Equals(OsvJson.Read(compact)), $"record {i} (seed {Seed}) changed when compact");
            Assert.Equal(indented, OsvJson.Write(OsvJson.Read(indented)));
        }
    }

    [Fact]
    public void Generated_records_cover_the_awkward_cases()
    {
        var records = new OsvRandomRecords(Seed);
        var all = Enumerable.Range(0, Count).Select(_ => records.Record()).ToList();
        var ranges = all.SelectMany(r => r.Affected ?? []).SelectMany(a => a.Ranges ?? []).ToList();

        Assert.Contains(all, r => r.Aliases is null && r.NullFields.HasFlag(OsvNullFields.Aliases));
        Assert.Contains(all, r => r.Aliases is { Count: 0 });
        Assert.Contains(all, r => r.ExtensionData is { Count: > 0 });
        Assert.Contains(all, r => r.Modified.Value is null);
        Assert.Contains(ranges, r => !r.Type.IsKnown);
        Assert.Contains(ranges.SelectMany(r => r.Events), e => !e.Kind.IsKnown);
        Assert.Contains(all, r => OsvJson.WriteString(r).Contains("1.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Damaged_input_never_throws_from_TryRead()
    {
        var random = new Random(Seed);
        var sources = Directory.GetFiles(OsvFixtures.Folder, "*.json").Select(File.ReadAllBytes).ToArray();
        for (var i = 0; i < 3000; i++)
        {
            var input = (byte[])sources[random.Next(sources.Length)].Clone();
            var damaged = random.Next(3) switch
            {
                0 => input[..random.Next(input.Length)],
                1 => Flip(input, random),
                _ => Splice(input, random),
            };

            var ok = OsvJson.TryRead(damaged, "damaged.json", out var record, out var error);

            Assert.True(ok ? record is not null && error is null : record is null && error is { Line: > 0, Column: > 0 });
            if (ok)
            {
                Assert.Equal(record, OsvJson.Read(OsvJson.Write(record!)));
            }
        }
    }

    private static byte[] Flip(byte[] input, Random random)
    {
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            input[random.Next(input.Length)] = (byte)random.Next(256);
        }

        return input;
    }

    private static byte[] Splice(byte[] input, Random random)
    {
        var at = random.Next(input.Length);
        var piece = "{}[]\",:0-e\\u{\"id\":\"x\"}null"u8.ToArray();
        var start = random.Next(piece.Length);
        return [.. input[..at], .. piece[start..], .. input[at..]];
    }
}
