using BenchmarkDotNet.Running;
using Workbench.Benchmarks.Batches;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/Benchmarks -- batch-api [cases] [concurrency] [repeats]   (see README "Benchmarks")
if (args.Length > 0 && args[0] == "batch-api")
{
    return await BatchApiBenchmark.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point type for BenchmarkSwitcher.</summary>
public partial class Program;
