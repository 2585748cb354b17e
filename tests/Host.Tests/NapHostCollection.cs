namespace Nap.Host.Tests;

/// <summary>All host specs share one booted host: booting and installing takes most of a minute.</summary>
[CollectionDefinition(Name)]
public sealed class NapHostCollection : ICollectionFixture<NapHost>
{
    public const string Name = "nap host";
}
