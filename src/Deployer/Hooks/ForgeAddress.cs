using System.Net;
using System.Net.Sockets;
using Nap.Deployer.Egress;
using Nap.Deployer.Settings;
using Nap.Protocol;

namespace Nap.Deployer.Hooks;

/// <summary>
/// Where napd may fetch a tenant's --repo from: the rule of <see cref="AddressRules"/> that the builds' fetches and
/// the commit statuses follow (never loopback, link-local, the host's own addresses or its docker bridges; private
/// networks only with napd.json's hooks.privateForges), so no key can make root's napd open ssh connections into
/// the host or its networks. Judged at hooks:add and again before each fetch, and ssh is given the address judged
/// (HostName=ADDRESS, HostKeyAlias=HOST): a name that resolves elsewhere between the two cannot move the connection.
/// </summary>
public sealed class ForgeAddress(NapdConfig config)
{
    public const string Setting = "hooks.privateForges";

    /// <returns>The address to connect to, or the one line that refuses.</returns>
    public async Task<(IPAddress? Address, string? Refusal)> ResolveAsync(string repo, CancellationToken ct)
    {
        if (RepoUrl.Host(repo) is not { } host)
            return (null, RepoUrl.Validate(null));
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            addresses = [];
        }
        return Judge(host, addresses, config.PrivateForges, LocalNetworks.OfThisHost());
    }

    public static (IPAddress? Address, string? Refusal) Judge(string host, IReadOnlyList<IPAddress> addresses, bool privateAllowed, LocalNetworks local)
    {
        var shown = Untrusted.Printable(host, 80);
        if (addresses.Count == 0)
            return (null, $"--repo's host {shown} does not resolve: give the forge's ssh address");
        // Every address the name has: ssh might be steered to any of them.
        foreach (var address in addresses)
            if (AddressRules.Refusal(address, privateAllowed, local) is { } why)
                return (null, $"--repo's host {shown} is {address}, {why}: napd fetches from forges on the public internet"
                    + (privateAllowed || AddressRules.Refusal(address, true, local) is not null
                        ? " or, with hooks.privateForges, on private networks, never from this host"
                        : $" only (\"hooks\": {{ \"privateForges\": true }} in /etc/nap/napd.json allows forges on private networks)"));
        return (addresses[0], null);
    }
}
