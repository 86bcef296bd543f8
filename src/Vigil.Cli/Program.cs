namespace Vigil.Cli;

static class Program
{
    static int Main(string[] args)
    {
#if LINKED_SQLITE
        Data.VigilDatabase.UseLinkedSqlite();
#endif
        return Cli.Run(args, Console.Out, Console.Error);
    }
}
