using System.Net;
using Nap.Deployer.Egress;
using Nap.Deployer.Hooks;

namespace Nap.Deployer.Tests.Hooks;

/// <summary>Where a tenant's --repo may lead napd's fetch: the public internet, the LAN only with hooks.privateForges, never the host.</summary>
public sealed class ForgeAddressSpecs
{
    static readonly LocalNetworks Host = new([IPAddress.Parse("203.0.113.7")], [("docker0", IPNetwork.Parse("172.18.0.0/16"))]);

    static string? Refusal(string address, bool privateForges) =>
        ForgeAddress.Judge("forge.example", [IPAddress.Parse(address)], privateForges, Host).Refusal;

    [Fact]
    public void A_public_forge_is_taken_with_its_address()
    {
        Assert.Equal(IPAddress.Parse("140.82.121.4"), ForgeAddress.Judge("github.com", [IPAddress.Parse("140.82.121.4")], false, Host).Address);
    }

    [Fact]
    public void A_private_forge_is_refused_by_default_naming_the_setting_and_taken_with_private_forges()
    {
        Assert.Equal("--repo's host forge.example is 192.168.1.20, a private address: napd fetches from forges on the public internet only (\"hooks\": { \"privateForges\": true } in /etc/nap/napd.json allows forges on private networks)",
            Refusal("192.168.1.20", privateForges: false));
        Assert.Null(Refusal("192.168.1.20", privateForges: true));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("203.0.113.7")]
    [InlineData("172.18.0.5")]
    public void Loopback_link_local_the_hosts_own_addresses_and_bridges_are_refused_even_with_private_forges(string address)
    {
        Assert.EndsWith("never from this host", Refusal(address, privateForges: true));
    }

    [Fact]
    public void A_name_with_any_refused_address_is_refused()
    {
        var judged = ForgeAddress.Judge("forge.example", [IPAddress.Parse("140.82.121.4"), IPAddress.Parse("10.0.0.1")], false, Host);
        Assert.Null(judged.Address);
        Assert.Contains("10.0.0.1", judged.Refusal);
    }
}
