using System.Net;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Nap.Deployer.Docker;

public sealed partial class DockerSwarm
{
    public async Task<IReadOnlyList<SwarmTask>> ServiceTasksAsync(string service, CancellationToken ct)
    {
        IList<TaskResponse> tasks;
        try
        {
            tasks = await client.Tasks.ListAsync(new TasksListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["service"] = new Dictionary<string, bool> { [service] = true } },
            }, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }
        return [.. tasks.Select(t => new SwarmTask(
            t.ID, t.ServiceID ?? "", string.IsNullOrEmpty(t.NodeID) ? null : t.NodeID,
            t.Spec?.ContainerSpec?.Labels?.TryGetValue("nap.app", out var app) == true ? app : null,
            State(t.Status?.State), State(t.DesiredState),
            t.Status?.PortStatus?.Ports?.Where(p => p.PublishedPort > 0).Select(p => (int)p.PublishedPort!.Value).ToArray() ?? [])
        {
            Slot = t.Slot ?? 0,
            Error = string.IsNullOrEmpty(t.Status?.Err) ? null : t.Status.Err,
            TargetPort = (int)(t.Status?.PortStatus?.Ports?.FirstOrDefault(p => p.PublishedPort > 0)?.TargetPort ?? 0),
        })];
    }

    public async Task CreateServiceAsync(ServiceSpec spec, RegistryLogin login, CancellationToken ct)
    {
        try
        {
            await client.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = spec, RegistryAuth = Auth(login) }, ct);
        }
        catch (DockerApiException e)
        {
            throw new DockerSwarmException($"the engine did not create service {spec.Name}: {Body(e)}");
        }
    }

    public async Task<bool> ScaleServiceAsync(string service, int replicas, RegistryLogin? login, CancellationToken ct)
    {
        SwarmService current;
        try
        {
            current = await client.Swarm.InspectServiceAsync(service, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        var spec = current.Spec ?? throw new DockerSwarmException($"the engine gave no spec for service {service}");
        spec.Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = (ulong)replicas } };
        try
        {
            await client.Swarm.UpdateServiceAsync(current.ID, new ServiceUpdateParameters { Service = spec, Version = (long)(current.Version?.Index ?? 0), RegistryAuth = login is null ? null! : Auth(login) }, ct);
        }
        catch (DockerApiException e)
        {
            throw new DockerSwarmException($"the engine did not scale service {service}: {Body(e)}");
        }
        return true;
    }

    public async Task RemoveServiceAsync(string service, CancellationToken ct)
    {
        try
        {
            await client.Swarm.RemoveServiceAsync(service, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    public async Task<IReadOnlyList<string>> ServicesOfAsync(string app, CancellationToken ct)
    {
        var services = await client.Swarm.ListServicesAsync(new ServiceListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["nap.app=" + app] = true } },
        }, ct);
        return [.. services.Select(s => s.Spec?.Name).OfType<string>().Order(StringComparer.Ordinal)];
    }

    public async Task<string?> InspectServiceAsync(string service, CancellationToken ct)
    {
        try
        {
            var inspected = await client.Swarm.InspectServiceAsync(service, ct);
            return JsonSerializer.Serialize(inspected, InspectJson.Default.SwarmService);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task EnsureOverlayAsync(string network, string app, CancellationToken ct)
    {
        var existing = await client.Networks.ListNetworksAsync(new NetworksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [network] = true } },
        }, ct);
        if (existing.Any(n => n.Name == network))
            return;
        try
        {
            await client.Networks.CreateNetworkAsync(new NetworksCreateParameters
            {
                Name = network,
                Driver = "overlay",
                Attachable = false,
                Labels = new Dictionary<string, string> { ["nap.app"] = app },
            }, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Made meanwhile by another release of the same app: what was wanted.
        }
        catch (DockerApiException e)
        {
            throw new DockerNetworkException($"docker could not make overlay network {network}: {Body(e)}");
        }
    }

    public async Task<bool> RemoveOverlayAsync(string network, CancellationToken ct)
    {
        foreach (var overlay in await OverlaysNamedAsync(network, ct))
        {
            try
            {
                await client.Networks.DeleteNetworkAsync(overlay.ID, ct);
            }
            catch (DockerApiException e) when (e.StatusCode != HttpStatusCode.NotFound)
            {
                // In use until the removed services' tasks have stopped.
                return false;
            }
        }
        // The manager only marks the overlay for deletion and its allocator removes it later; until then a push of
        // the same name would find it, take it as its own and lose it under its new service.
        return (await OverlaysNamedAsync(network, ct)).Length == 0;
    }

    async Task<NetworkResponse[]> OverlaysNamedAsync(string network, CancellationToken ct) =>
        [.. (await client.Networks.ListNetworksAsync(new NetworksListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [network] = true } },
        }, ct)).Where(n => n.Name == network)];

    public Task WatchAsync(Action changed, CancellationToken ct) =>
        client.System.MonitorEventsAsync(new ContainerEventsParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["node"] = true, ["service"] = true, ["container"] = true },
            },
        }, new Changed(changed), ct);

    sealed class Changed(Action changed) : IProgress<Message>
    {
        public void Report(Message value) => changed();
    }

    static string Body(DockerApiException e) => Reason(e);

    static AuthConfig Auth(RegistryLogin login) => new() { ServerAddress = login.Address, Username = login.User, Password = login.Password };
}
