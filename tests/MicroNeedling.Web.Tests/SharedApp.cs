using MicroNeedling.Testing;

namespace MicroNeedling.Web.Tests;

/// <summary>All HTTP scenarios share one app host and one database; each test makes its own patients.</summary>
[CollectionDefinition(Name)]
public sealed class SharedApp : ICollectionFixture<ClinicAppFactory>
{
    public const string Name = "app";
}
