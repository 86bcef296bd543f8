using BenchmarkDotNet.Running;

namespace Vigil.Benchmarks;

/// <summary>
/// Vigil's benchmarks. Run all: <c>dotnet run -c Release --project bench/Vigil.Benchmarks -- --filter '*'</c>;
/// one class: <c>--filter '*SemverBenchmarks*'</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
