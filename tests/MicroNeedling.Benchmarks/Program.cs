using BenchmarkDotNet.Running;
using MicroNeedling.Benchmarks;
using MicroNeedling.Benchmarks.Load;

// `load-book`, `load-report` and `otlp-sink` serve load/run-load.sh; anything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "load-book" => await BookingLoad.RunAsync(LoadArguments.Parse(args)),
    "load-report" => LoadReport.Run(LoadArguments.Parse(args)),
    "otlp-sink" => await OtlpSink.RunAsync(LoadArguments.Parse(args)),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(CourseSchedulerBenchmarks).Assembly).Run(args);
    return 0;
}
