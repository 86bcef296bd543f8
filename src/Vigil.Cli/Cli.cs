using System.CommandLine;
using System.Reflection;
using Vigil.Cli.Commands;
using Vigil.Cli.Commands.Audit;
using Vigil.Cli.Commands.Db;
using Vigil.Cli.Commands.Node;
using Vigil.Cli.Commands.Policy;
using Vigil.Cli.Commands.Sign;
using Vigil.Cli.Commands.Verify;

namespace Vigil.Cli;

/// <summary>The <c>vigil</c> command as a function: arguments in, text out, an exit code back.</summary>
static class Cli
{
    /// <summary>Vigil's version, from the assembly.</summary>
    public static string Version { get; } =
        typeof(Cli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("Vigil: the Node.js Security Working Group's advisory database, auditor and disclosure platform.")
        {
            CvssCommand.Create(),
            DbCommand.Create(),
            NodeCommand.Create(),
            AuditCommand.Create(),
            DepsCommand.Create(),
            VerifyCommand.Create(),
            KeygenCommand.Create(),
            SignCommand.Create(),
            InitCommand.Create(),
            PolicyCommand.Create(),
            ServeCommand.Create(),
        };

        try
        {
            // Everything after 'serve' belongs to the server, '--help' included: it is not parsed here.
            if (args.Length > 0 && args[0] == "serve")
            {
                return ServeCommand.Run(args[1..]);
            }
        }
        catch (CliException e)
        {
            stderr.WriteLine($"vigil: {e.Message}");
            return e.ExitCode;
        }

        // '@file' arguments would read files named by whoever wrote the command line: off.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"vigil: {error.Message}");
            }

            stderr.WriteLine("Run 'vigil --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            stderr.WriteLine($"vigil: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stderr.WriteLine($"vigil: internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("VIGIL_DEBUG") == "1")
            {
                stderr.WriteLine(e.ToString());
            }
            else
            {
                stderr.WriteLine("This is a bug in Vigil. Run again with VIGIL_DEBUG=1 for details, and please report it.");
            }

            return ExitCodes.Internal;
        }
    }
}
