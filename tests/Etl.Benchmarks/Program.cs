using BenchmarkDotNet.Running;
using Etl.Benchmarks.Worker;

// Run all benchmarks: dotnet run -c Release --project tests/Etl.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(PipelineThroughputBenchmark).Assembly).Run(args);
