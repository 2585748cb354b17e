using Nap.Deployer.Cluster;

namespace Nap.Deployer.Tests.Cluster;

/// <summary>The engine's names of a slot's cluster parts: it takes no dot in a service's or an overlay's name.</summary>
public sealed class ServiceNamesSpecs
{
    [Theory]
    [InlineData("shop", "nap-shop-3", "nap-shop_overlay")]
    [InlineData("shop.staging", "nap-shop_staging-3", "nap-shop_staging_overlay")]
    public void An_environments_service_and_overlay_are_named_without_a_dot(string slot, string service, string network)
    {
        Assert.Equal(service, ServiceNames.Service(slot, 3));
        Assert.Equal(network, ServiceNames.Network(slot));
    }
}
