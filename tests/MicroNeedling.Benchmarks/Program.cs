using BenchmarkDotNet.Running;
using MicroNeedling.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(CourseSchedulerBenchmarks).Assembly).Run(args);
