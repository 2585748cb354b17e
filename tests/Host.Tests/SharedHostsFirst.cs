using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Nap.Host.Tests.SharedHostsFirst", "Nap.Host.Tests")]

namespace Nap.Host.Tests;

/// <summary>
/// The collections that share a host (a [CollectionDefinition]) hold most of the specs: started first, they run beside
/// the classes with hosts of their own instead of being left to run alone at the end.
/// </summary>
public sealed class SharedHostsFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.CollectionDefinition is null).ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
