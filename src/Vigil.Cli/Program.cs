namespace Vigil.Cli;

static class Program
{
    static int Main(string[] args) => Cli.Run(args, Console.Out, Console.Error);
}
