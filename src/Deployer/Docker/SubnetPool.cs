using System.Net;
using System.Net.Sockets;

namespace Nap.Deployer.Docker;

/// <summary>
/// Where the apps' networks take their subnets: one /26 each (62 containers) from an IPv4 block of napd's,
/// because docker's own pools hold about 30 networks and a host has more apps than that.
/// </summary>
public sealed record SubnetPool(IPNetwork Block)
{
    public const int AppPrefix = 26;

    public static readonly SubnetPool Default = new(IPNetwork.Parse("10.213.0.0/16"));

    /// <summary>A block napd can use, or why not.</summary>
    public static string? Validate(IPNetwork block) =>
        block.BaseAddress.AddressFamily != AddressFamily.InterNetwork ? "must be an IPv4 block such as 10.213.0.0/16"
        : block.PrefixLength > AppPrefix ? $"must be at least a /{AppPrefix} (one app's network)"
        : null;

    public IEnumerable<IPNetwork> Subnets()
    {
        var first = Number(Block.BaseAddress);
        var count = 1L << (AppPrefix - Block.PrefixLength);
        for (var i = 0L; i < count; i++)
            yield return new IPNetwork(Address(first + ((uint)i << (32 - AppPrefix))), AppPrefix);
    }

    public static bool Overlap(IPNetwork a, IPNetwork b) => a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress);

    static uint Number(IPAddress address) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());

    static IPAddress Address(uint number)
    {
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, number);
        return new IPAddress(bytes);
    }
}
