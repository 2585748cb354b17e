using Nap.Protocol;
using System.Net;
using Nap.Deployer.Egress;
using Nap.Deployer.Settings;

namespace Nap.Deployer.Tests.Support;

/// <summary>
/// Where the specs' stand-in for a team's artifact server is: an address of this machine on a private network
/// (docker0's, when the engine runs), else its primary one; "artifacts.test" resolves to it, and the machine's
/// interfaces are taken as another host's.
/// </summary>
public static class ArtifactServer
{
    public const string Name = "artifacts.test";

    public static IPAddress Address { get; } =
        LocalNetworks.OfThisHost().OwnAddresses.FirstOrDefault(a => AddressRules.Refusal(a, false, LocalNetworks.None) == "a private address")
        ?? IPAddress.Parse(PrimaryAddress.Find());

    /// <summary>A fetch that may reach <see cref="Name"/>; other names resolve as the system resolves them unless <paramref name="names"/> says.</summary>
    public static PublicFetch Fetch(Func<string, IPAddress[]?>? names = null) =>
        new([Name], () => LocalNetworks.None, (host, ct) =>
            names?.Invoke(host) is { } given ? Task.FromResult(given)
            : host == Name ? Task.FromResult(new[] { Address })
            : Dns.GetHostAddressesAsync(host, ct));
}
