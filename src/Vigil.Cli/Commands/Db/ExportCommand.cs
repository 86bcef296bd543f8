using System.CommandLine;
using Vigil.Advisories.Nswg.Conversion;
using Vigil.Domain.Osv;

namespace Vigil.Cli.Commands.Db;

/// <summary><c>vigil db export --format osv|nswg --out &lt;dir&gt;</c></summary>
static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "osv: one ID.json per advisory (osv.dev's layout); nswg: the WG's core/, npm/ and deps/ folders", Required = true };
        format.AcceptOnlyFromAmong("osv", "nswg");
        var output = new Option<string>("--out") { Description = "The folder to write into (created if missing)", Required = true, HelpName = "dir" };
        var command = new Command("export", """
            Write the database's advisories as files. The nswg format writes the records that came from the WG,
            as the WG writes them; other advisories have no WG form and are counted as skipped.
            Exit codes: 0 written, 2 usage, 3 the folder cannot be written, 4 database error.
            """)
        {
            format,
            output,
        };
        command.SetAction(parse => Run(parse, parse.GetRequiredValue(format), parse.GetRequiredValue(output)));
        return command;
    }

    private static int Run(ParseResult parse, string format, string folder)
    {
        var store = Database.Open(parse, create: false);
        int written = 0, skipped = 0;
        try
        {
            Directory.CreateDirectory(folder);
            foreach (var advisory in Database.Use(() => store.All().ToList()))
            {
                var file = format == "osv" ? Osv(advisory.Record) : Nswg(advisory.Record, parse.InvocationConfiguration.Error);
                if (file is not { } f)
                {
                    skipped++;
                    continue;
                }

                WriteAtomically(Path.Combine(folder, f.RelativePath), f.Content);
                written++;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"cannot write to {folder}: {e.Message}");
        }

        parse.InvocationConfiguration.Output.WriteLine($"Wrote {written} advisories to {Path.GetFullPath(folder)} ({format})" +
            (skipped > 0 ? $"; skipped {skipped} that have no {format} form" : string.Empty));
        return ExitCodes.Success;
    }

    private static (string RelativePath, byte[] Content)? Osv(OsvRecord record) =>
        (record.Id + ".json", [.. OsvJson.Write(record), (byte)'\n']);

    private static (string RelativePath, byte[] Content)? Nswg(OsvRecord record, TextWriter error)
    {
        var file = NswgFile.Of(record, out var problem);
        if (problem is not null)
        {
            error.WriteLine($"vigil: {record.Id}: {problem}");
        }

        return file is null ? null : (file.RelativePath.Replace('/', Path.DirectorySeparatorChar), file.Content);
    }

    /// <summary>Writes beside the target, then renames: a reader never sees half a file.</summary>
    private static void WriteAtomically(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
