using System.Diagnostics;

namespace Vigil.Cli;

/// <summary>
/// Phase timings for measuring the CLI: with <c>VIGIL_PHASES=1</c> in the environment, each <see cref="Mark"/> writes
/// the time since the previous one, and the bytes allocated since then, to standard error. Off, a mark is one test of
/// a static field.
/// </summary>
static class Phases
{
    private static readonly bool On = Environment.GetEnvironmentVariable("VIGIL_PHASES") == "1";
    private static long _last = On ? Stopwatch.GetTimestamp() : 0;
    private static long _allocated = On ? GC.GetTotalAllocatedBytes(true) : 0;

    /// <summary>Ends the phase named <paramref name="name"/>.</summary>
    public static void Mark(string name)
    {
        if (!On)
        {
            return;
        }

        long now = Stopwatch.GetTimestamp();
        long allocated = GC.GetTotalAllocatedBytes(true);
        Console.Error.WriteLine($"phase {name,-12} {Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds,7:F2} ms {(allocated - _allocated) / 1024,7} KiB");
        _last = Stopwatch.GetTimestamp();
        _allocated = GC.GetTotalAllocatedBytes(true);
    }
}
