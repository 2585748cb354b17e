using Nap.Deployer.Apps;
using Nap.Deployer.Settings;

namespace Nap.Deployer.Tests.Apps;

/// <summary>The --memory a release's containers get: the app's own within the host's ceiling, else the host's default.</summary>
public sealed class MemoryLimitSpecs
{
    static readonly TenantLimits Host = new() { MemoryMegabytes = 512, MemoryMaxMegabytes = 2048 };

    [Fact]
    public void An_app_that_set_no_memory_gets_the_hosts_default() =>
        Assert.Equal("512m", AppResources.None.MemoryUnder(Host));

    [Theory]
    [InlineData("64M")]
    [InlineData("2g")]
    [InlineData("2048m")]
    public void An_app_that_set_its_own_within_the_ceiling_keeps_it_as_written(string memory) =>
        Assert.Equal(memory, AppResources.None.WithMemory(memory).MemoryUnder(Host));

    [Fact]
    public void A_setting_above_a_ceiling_lowered_since_is_held_to_the_ceiling() =>
        Assert.Equal("2048m", AppResources.None.WithMemory("3g").MemoryUnder(Host));

    [Fact]
    public void Without_a_default_or_a_ceiling_the_app_decides() =>
        Assert.Equal((null, "64g"), (
            AppResources.None.MemoryUnder(new TenantLimits { MemoryMegabytes = 0, MemoryMaxMegabytes = 0 }),
            AppResources.None.WithMemory("64g").MemoryUnder(new TenantLimits { MemoryMegabytes = 0, MemoryMaxMegabytes = 0 })));
}
