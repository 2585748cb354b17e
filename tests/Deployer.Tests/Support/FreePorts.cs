using Nap.Deployer.Ports;

namespace Nap.Deployer.Tests.Support;

/// <summary>
/// Ports nothing listens on now, for a spec's nginx sites, upstreams and published ports. Each call starts at a random
/// point of 33000-39999, so specs running side by side rarely probe the same ones.
/// </summary>
static class FreePorts
{
    public static int[] Take(int count)
    {
        var start = 33000 + Random.Shared.Next(0, 6000);
        return Enumerable.Range(start, 1000).Where(PortProbe.IsFree).Take(count).ToArray();
    }

    public static int One() => Take(1)[0];
}
