using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Nap.Deployer.Docker;

public sealed partial class DockerEngine
{
    public async Task EnsureNetworkAsync(string network, string app, SubnetPool pool, CancellationToken ct)
    {
        var existing = await client.Networks.ListNetworksAsync(new NetworksListParameters(), ct);
        if (existing.Any(n => n.Name == network))
            return;
        var taken = existing.SelectMany(n => n.IPAM?.Config ?? []).Select(c => IPNetwork.TryParse(c.Subnet ?? "", out var s) ? s : (IPNetwork?)null)
            .OfType<IPNetwork>().ToList();
        foreach (var subnet in pool.Subnets().Where(s => !taken.Any(t => SubnetPool.Overlap(s, t))))
        {
            try
            {
                await client.Networks.CreateNetworkAsync(Create(network, app, subnet), ct);
                return;
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
                // Made meanwhile by a push of the same app: what was wanted.
                return;
            }
            catch (DockerApiException e) when ((e.ResponseBody ?? "").Contains("overlap", StringComparison.OrdinalIgnoreCase))
            {
                // Taken meanwhile by another app's network: the next one.
            }
            catch (DockerApiException e)
            {
                throw new DockerNetworkException($"docker could not make network {network}: {(e.ResponseBody ?? e.Message).Trim()}");
            }
        }
        throw new DockerNetworkException($"no /{SubnetPool.AppPrefix} is left in {pool.Block} for network {network}: give appNetworks in /etc/nap/napd.json a larger block, or destroy unused apps");
    }

    static NetworksCreateParameters Create(string network, string app, IPNetwork subnet) => new()
    {
        Name = network,
        Driver = "bridge",
        Labels = new Dictionary<string, string> { ["nap.app"] = app },
        IPAM = new IPAM { Config = [new IPAMConfig { Subnet = subnet.ToString() }] },
    };

    public async Task RemoveNetworkAsync(string network, CancellationToken ct)
    {
        try
        {
            await client.Networks.DeleteNetworkAsync(network, ct);
        }
        catch (DockerNetworkNotFoundException)
        {
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }
}
