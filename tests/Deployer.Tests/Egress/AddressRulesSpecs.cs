using System.Net;
using Nap.Deployer.Egress;

namespace Nap.Deployer.Tests.Egress;

/// <summary>Every range a fetch for a build may not connect to (issue 21), and the public addresses it may.</summary>
public sealed class AddressRulesSpecs
{
    static readonly LocalNetworks Host = new(
        [IPAddress.Parse("203.0.113.10"), IPAddress.Parse("2001:db8::10"), IPAddress.Parse("172.17.0.1")],
        [("docker0", IPNetwork.Parse("172.17.0.0/16")), ("br-5f3c", IPNetwork.Parse("198.51.100.0/24"))]);

    static string? Refusal(string address, bool privateAllowed = false) => AddressRules.Refusal(IPAddress.Parse(address), privateAllowed, Host);

    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.1.2.3", "a loopback address")]
    [InlineData("0.0.0.0", "\"this network\", which reaches the host itself")]
    [InlineData("169.254.169.254", "link-local (where cloud metadata services hand out credentials)")]
    [InlineData("224.0.0.251", "a multicast address")]
    [InlineData("255.255.255.255", "reserved address space")]
    [InlineData("::1", "a loopback address")]
    [InlineData("::", "the unspecified address, which reaches the host itself")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fe80::1%2", "link-local")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("::ffff:127.0.0.1", "a loopback address")]
    [InlineData("::ffff:169.254.169.254", "link-local (where cloud metadata services hand out credentials)")]
    [InlineData("::127.0.0.1", "a loopback address")]
    [InlineData("64:ff9b::7f00:1", "a loopback address")]
    public void Loopback_link_local_and_the_like_are_refused_even_for_a_named_private_host(string address, string why)
    {
        Assert.Equal(why, Refusal(address));
        Assert.Equal(why, Refusal(address, privateAllowed: true));
    }

    [Theory]
    [InlineData("10.0.0.5", "a private address")]
    [InlineData("172.16.0.1", "a private address")]
    [InlineData("172.31.255.254", "a private address")]
    [InlineData("192.168.1.1", "a private address")]
    [InlineData("100.100.100.200", "shared address space (carrier and cloud internal networks)")]
    [InlineData("192.0.0.192", "IETF protocol address space")]
    [InlineData("198.18.0.1", "a private benchmarking network")]
    [InlineData("fd00:ec2::254", "a private (unique local) address")]
    [InlineData("fec0::1", "a site-local address")]
    [InlineData("64:ff9b:1::a00:5", "a private NAT64 address")]
    [InlineData("::ffff:10.0.0.5", "a private address")]
    [InlineData("64:ff9b::a00:5", "a private address")]
    public void Private_ranges_are_refused_unless_the_host_name_is_one_napd_json_allows(string address, string why)
    {
        Assert.Equal(why, Refusal(address));
        Assert.Null(Refusal(address, privateAllowed: true));
    }

    [Theory]
    [InlineData("203.0.113.10", "an address of this host")]
    [InlineData("::ffff:203.0.113.10", "an address of this host")]
    [InlineData("2001:db8::10", "an address of this host")]
    [InlineData("172.17.0.1", "an address of this host")]
    [InlineData("172.17.0.3", "on the docker bridge docker0 of this host")]
    [InlineData("198.51.100.7", "on the docker bridge br-5f3c of this host")]
    public void The_hosts_own_addresses_and_its_docker_bridges_are_refused_even_for_a_named_private_host(string address, string why)
    {
        Assert.Equal(why, Refusal(address));
        Assert.Equal(why, Refusal(address, privateAllowed: true));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("151.101.1.91")]
    [InlineData("203.0.113.80")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:93.184.215.14")]
    [InlineData("64:ff9b::5db8:d70e")]
    public void Public_addresses_pass(string address) =>
        Assert.Null(Refusal(address));

    [Fact]
    public void This_machines_own_interfaces_are_read_as_its_own_addresses()
    {
        var local = LocalNetworks.OfThisHost();

        Assert.Contains(IPAddress.Loopback, local.OwnAddresses);
        Assert.All(local.Bridges, b => Assert.True(b.Name.StartsWith("docker", StringComparison.Ordinal) || b.Name.StartsWith("br-", StringComparison.Ordinal)));
        var primary = IPAddress.Parse(Nap.Protocol.PrimaryAddress.Find());
        Assert.Equal("an address of this host", AddressRules.Refusal(primary, privateAllowed: true, local));
    }
}
