using BenchmarkDotNet.Running;
using Workbench.Benchmarks.Batches;

// dotnet run -c Release --project tests/Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/Benchmarks -- batch-api [cases] [concurrency] [repeats]   (see README "Benchmarks")
// dotnet run -c Release --project tests/Benchmarks -- run-overhead [iterations]   (each step of storing a run, p50/p95)
// dotnet run -c Release --project tests/Benchmarks -- redaction-footprint   (heap the redactor keeps, hostile inputs)
if (args.Length > 0 && args[0] == "batch-api")
{
    return await BatchApiBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "run-overhead")
{
    await Workbench.Benchmarks.Runs.RunOverheadBenchmarks.MeasureStepsAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2000);
    return 0;
}

if (args.Length > 0 && args[0] == "redaction-footprint")
{
    return Workbench.Benchmarks.Redaction.RedactionFootprint.Run();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point type for BenchmarkSwitcher.</summary>
public partial class Program;
