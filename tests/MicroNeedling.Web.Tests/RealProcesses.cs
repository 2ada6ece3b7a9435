namespace MicroNeedling.Web.Tests;

/// <summary>
/// Tests that run the app as real child processes. They share no app host with the in-process tests. They run on their
/// own, after the parallel collections, so that starting and killing processes is not timed against the rest of the suite
/// competing for the same cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealProcesses
{
    public const string Name = "real processes";
}
