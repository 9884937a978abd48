using BenchmarkDotNet.Running;

// Run all benchmarks: dotnet run -c Release --project tests/Etl.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
