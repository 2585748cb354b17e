using System.Net;
using System.Net.NetworkInformation;

namespace Nap.Deployer.Egress;

/// <summary>The host's own addresses and its docker bridges' networks, read from its interfaces when a fetch connects.</summary>
public sealed record LocalNetworks(IReadOnlyList<IPAddress> OwnAddresses, IReadOnlyList<(string Name, IPNetwork Network)> Bridges)
{
    public static LocalNetworks None { get; } = new([], []);

    public static LocalNetworks OfThisHost()
    {
        var interfaces = NetworkInterface.GetAllNetworkInterfaces();
        var own = interfaces.SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => AddressRules.AsIPv4(a.Address)).ToList();
        var bridges = interfaces.Where(IsDockerBridge)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses.Select(a => (i.Name, new IPNetwork(Masked(a), a.PrefixLength))))
            .ToList();
        return new(own, bridges);
    }

    // docker0 is the default bridge; the bridge driver names each user network's br-<id>, swarm's is docker_gwbridge.
    static bool IsDockerBridge(NetworkInterface i) => i.Name.StartsWith("docker", StringComparison.Ordinal) || i.Name.StartsWith("br-", StringComparison.Ordinal);

    static IPAddress Masked(UnicastIPAddressInformation a)
    {
        var bytes = a.Address.GetAddressBytes();
        for (var bit = a.PrefixLength; bit < bytes.Length * 8; bit++)
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        return new IPAddress(bytes);
    }
}
