namespace Nap.Host.Tests;

/// <summary>
/// Pushes, installs and hostile input share one booted host: booting and installing takes most of a minute.
/// A new class joins this collection unless it belongs with the app features' host.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NapHostCollection : ICollectionFixture<NapHost>
{
    public const string Name = "nap host";
}

/// <summary>
/// What an app is made to do after its push (scale, environments, steps, startup checks, hooks, certificates, config, stop) shares a
/// second host, so the two halves of the host specs run side by side (tests/README.md, "What runs where").
/// </summary>
[CollectionDefinition(Name)]
public sealed class FeatureHostCollection : ICollectionFixture<NapHost>
{
    public const string Name = "nap host for app features";
}
