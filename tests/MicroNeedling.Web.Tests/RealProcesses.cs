namespace MicroNeedling.Web.Tests;

/// <summary>
/// Tests that run the app as real child processes. They share no app host with the in-process tests, and run one after
/// another so that two of them never compete for the machine's cores while timing their processes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealProcesses
{
    public const string Name = "real processes";
}
