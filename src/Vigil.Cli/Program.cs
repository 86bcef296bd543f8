namespace Vigil.Cli;

static class Program
{
    static int Main(string[] args)
    {
        ShortRunHeap.Prepare();
#if LINKED_SQLITE
        Data.VigilDatabase.UseLinkedSqlite();
#endif

        // Console.Out flushes after every write, in pieces of 256 bytes: a 1 MB report took 5,000 write calls.
        // Standard output is buffered here, in the console's encoding, and flushed once at the end (progress and errors
        // go to standard error).
        Phases.Mark("main");
        using var stdout = new StreamWriter(Console.OpenStandardOutput(), Console.OutputEncoding, 64 * 1024);
        return Cli.Run(args, stdout, Console.Error);
    }
}
