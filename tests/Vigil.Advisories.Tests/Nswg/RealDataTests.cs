using System.Text;
using System.Text.Json;
using Vigil.Advisories.Nswg;
using Vigil.Testing;

namespace Vigil.Advisories.Tests.Nswg;

/// <summary>The WG's real advisory database, read from the shared data folder (never copied into the repository).</summary>
public sealed class RealDataTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<(string Name, NswgKind Kind, byte[] Bytes)>> Files = new(LoadFiles);

    [Fact]
    public void Every_record_file_is_found_and_index_files_are_skipped()
    {
        var root = SharedData.NodejsSecurityWg;
        var expected = new[] { "core", "npm", "deps" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(root, folder), "*.json"))
            .Where(path => Path.GetFileName(path) != "index.json")
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, Files.Value.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(Enum.GetValues<NswgKind>(), kind => Assert.Contains(Files.Value, f => f.Kind == kind));
        output.WriteLine($"{Files.Value.Count} records: " + string.Join(", ", Files.Value.GroupBy(f => f.Kind).Select(g => $"{g.Count()} {g.Key}")));
    }

    [Fact]
    public void Every_record_reads_without_error()
    {
        var errors = Files.Value
            .Select(f => NswgReader.Read(f.Bytes, f.Name, f.Kind))
            .Where(r => !r.Succeeded)
            .Select(r => r.Error!.ToString())
            .ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Reading_from_a_path_gives_the_same_records()
    {
        var root = SharedData.NodejsSecurityWg;
        foreach (var file in Files.Value)
        {
            var fromPath = NswgReader.Read(Path.Combine(root, file.Name));
            Assert.True(fromPath.Succeeded, fromPath.Error?.ToString());
            Assert.Equal(ReadRecord(file), fromPath.Record);
        }
    }

    [Fact]
    public void Read_write_read_is_identity()
    {
        var mismatches = Files.Value
            .Where(f =>
            {
                var record = ReadRecord(f);
                var again = NswgReader.Read(NswgWriter.Write(record), f.Name, f.Kind);
                return !again.Succeeded || !record.Equals(again.Record);
            })
            .Select(f => f.Name)
            .ToList();

        Assert.Empty(mismatches);
    }

    [Fact]
    public void Export_is_the_same_json_with_the_same_key_and_item_order()
    {
        foreach (var file in Files.Value)
        {
            var written = NswgWriter.Write(ReadRecord(file));
            using var original = JsonDocument.Parse(file.Bytes);
            using var exported = JsonDocument.Parse(written);
            Assert.Null(JsonText.FirstDifference(original.RootElement, exported.RootElement));

            // Beyond equal values: the same escapes and number texts; only whitespace between tokens may differ.
            Assert.Equal(JsonText.WithoutInsignificantWhitespace(file.Bytes), JsonText.WithoutInsignificantWhitespace(written));
        }
    }

    [Fact]
    public void Export_is_byte_exact_for_every_regularly_laid_out_file()
    {
        var exact = 0;
        foreach (var file in Files.Value)
        {
            var written = NswgWriter.Write(ReadRecord(file));
            var irregularity = LayoutCheck.Irregularity(Encoding.UTF8.GetString(file.Bytes));
            if (written.AsSpan().SequenceEqual(file.Bytes))
            {
                exact++;
            }
            else
            {
                Assert.True(irregularity is not null, $"{file.Name} is laid out regularly but is not written back byte for byte");
                output.WriteLine($"not byte-exact: {file.Name}: {irregularity}");
            }
        }

        output.WriteLine($"byte-exact: {exact} of {Files.Value.Count}");
    }

    [Fact]
    public void The_wg_schema_rules_find_nothing_in_the_wg_data()
    {
        // The WG's CI runs its Joi schema on every change, so its own data passes it; so must our port of it.
        var findings = Files.Value
            .SelectMany(f => new NswgValidator(NswgRules.WgSchema).Validate(ReadRecord(f), f.Name))
            .Select(f => f.ToString())
            .ToList();

        Assert.Empty(findings);
    }

    [Fact]
    public void The_default_validator_reports_well_formed_findings_on_the_wg_data()
    {
        var names = Files.Value.Select(f => f.Name).ToHashSet();
        var findings = Files.Value.SelectMany(f => NswgValidator.Default.Validate(ReadRecord(f), f.Name)).ToList();

        foreach (var finding in findings)
        {
            output.WriteLine($"{finding}   [{finding.RuleId}]");
            Assert.Contains(finding.Source, names);
            Assert.StartsWith("vigil/", finding.RuleId, StringComparison.Ordinal);
            Assert.Contains(finding.RuleId, NswgValidator.Default.Rules.Select(r => r.Id));
            Assert.Equal($"{finding.Source}: {finding.Field}: {finding.Message}", finding.ToString());
        }

        output.WriteLine($"{findings.Count} findings");
    }

    private static NswgRecord ReadRecord((string Name, NswgKind Kind, byte[] Bytes) file)
    {
        var result = NswgReader.Read(file.Bytes, file.Name, file.Kind);
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.Record;
    }

    private static IReadOnlyList<(string Name, NswgKind Kind, byte[] Bytes)> LoadFiles()
    {
        var root = SharedData.NodejsSecurityWg;
        return [.. NswgPath.EnumerateRecordFiles(root).Select(path =>
        {
            Assert.True(NswgPath.TryGetKind(path, out var kind));
            return (Path.GetRelativePath(root, path).Replace('\\', '/'), kind, File.ReadAllBytes(path));
        })];
    }
}
