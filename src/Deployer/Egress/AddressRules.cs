using System.Net;
using System.Net.Sockets;

namespace Nap.Deployer.Egress;

/// <summary>
/// Which addresses a fetch on a build's behalf may connect to: the public internet only. Refused: loopback,
/// "this network" (0.0.0.0/8 and :: reach the host itself), link-local (169.254.0.0/16, where clouds serve their
/// metadata and credentials, and fe80::/10), multicast and reserved space, and the private ranges (10/8,
/// 172.16/12, 192.168/16, 100.64/10 shared address space, 192.0.0/24, 198.18/15, fc00::/7, fec0::/10, NAT64's
/// local 64:ff9b:1::/48) unless the host name is one napd.json's addPrivateHosts names; always refused: the host's
/// own addresses and the docker bridges' networks. An IPv4 address written as IPv6 (::ffff:a.b.c.d, ::a.b.c.d,
/// 64:ff9b::a.b.c.d) is judged as the IPv4 address it reaches.
/// </summary>
public static class AddressRules
{
    static readonly (IPNetwork Network, string Why)[] Always =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "\"this network\", which reaches the host itself"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (where cloud metadata services hand out credentials)"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved address space"),
        (IPNetwork.Parse("::/128"), "the unspecified address, which reaches the host itself"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    static readonly (IPNetwork Network, string Why)[] Private =
    [
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared address space (carrier and cloud internal networks)"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol address space"),
        (IPNetwork.Parse("198.18.0.0/15"), "a private benchmarking network"),
        (IPNetwork.Parse("fc00::/7"), "a private (unique local) address"),
        (IPNetwork.Parse("fec0::/10"), "a site-local address"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a private NAT64 address"),
    ];

    static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");

    /// <summary>Why <paramref name="address"/> is refused, as "a loopback address"; null when a fetch may connect to it.</summary>
    /// <param name="privateAllowed">The host name is one the admin allowed private addresses for.</param>
    public static string? Refusal(IPAddress address, bool privateAllowed, LocalNetworks local)
    {
        var judged = AsIPv4(address);
        if (Always.FirstOrDefault(r => r.Network.Contains(judged)).Why is { } always)
            return always;
        if (local.OwnAddresses.Any(own => AsIPv4(own).Equals(judged)))
            return "an address of this host";
        if (local.Bridges.FirstOrDefault(b => b.Network.Contains(judged)) is { Name: not null } bridge)
            return $"on the docker bridge {bridge.Name} of this host";
        return privateAllowed ? null : Private.FirstOrDefault(r => r.Network.Contains(judged)).Why;
    }

    /// <summary>The IPv4 address an IPv6 one stands for (mapped, compatible, NAT64), else the address itself, without scope.</summary>
    public static IPAddress AsIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address;
        if (address.IsIPv4MappedToIPv6)
            return address.MapToIPv4();
        if ((Nat64.Contains(address) || Compatible.Contains(address)) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback))
            return new IPAddress(address.GetAddressBytes()[12..]);
        return new IPAddress(address.GetAddressBytes());
    }
}
