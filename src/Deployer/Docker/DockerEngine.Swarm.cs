using System.Net;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Nap.Deployer.Docker;

public sealed partial class DockerEngine : ISwarm
{
    public async Task<bool> IsManagerAsync(CancellationToken ct)
    {
        var swarm = (await client.System.GetSystemInfoAsync(ct)).Swarm;
        return swarm is { LocalNodeState: "active", ControlAvailable: true };
    }

    public async Task<IReadOnlyList<SwarmNode>> NodesAsync(CancellationToken ct) =>
        [.. (await client.Swarm.ListNodesAsync(ct)).Select(n => new SwarmNode(
            n.ID,
            n.Description?.Hostname ?? n.ID,
            NodeAddress(n.Status?.Addr, n.ManagerStatus?.Addr),
            n.Status?.State ?? "unknown",
            n.Spec?.Availability ?? "active",
            n.Spec?.Role ?? "worker"))];

    /// <summary>A manager may report 0.0.0.0 as its Status.Addr; its ManagerStatus.Addr (HOST:2377) has the address.</summary>
    public static string NodeAddress(string? status, string? manager)
    {
        if (!string.IsNullOrEmpty(status) && status != "0.0.0.0")
            return status;
        if (manager is { Length: > 0 } && IPEndPoint.TryParse(manager, out var endpoint))
            return endpoint.Address.ToString();
        return status ?? "";
    }

    public async Task<IReadOnlyList<SwarmTask>> TasksAsync(string service, CancellationToken ct)
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
            t.ID,
            t.NodeID ?? "",
            t.Slot ?? 0,
            Word(t.Status?.State),
            Word(t.DesiredState),
            t.Status?.Message ?? "",
            string.IsNullOrEmpty(t.Status?.Err) ? null : t.Status.Err,
            t.Status?.PortStatus?.Ports?.FirstOrDefault(p => p.PublishedPort is > 0)?.PublishedPort is { } port ? (int)port : null))];
    }

    /// <summary>The engine's own word for the state, e.g. "running" (TaskState's names are its words, capitalised).</summary>
    static string Word(TaskState? state) => state?.ToString().ToLowerInvariant() ?? "unknown";

    public async Task CreateServiceAsync(ServiceSpec spec, RegistryLogin login, CancellationToken ct)
    {
        try
        {
            await client.Swarm.CreateServiceAsync(new ServiceCreateParameters { Service = spec, RegistryAuth = Auth(login) }, ct);
        }
        catch (DockerApiException e)
        {
            throw new SwarmException($"the engine did not create service {spec.Name}: {Body(e)}");
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
        var spec = current.Spec ?? throw new SwarmException($"the engine gave no spec for service {service}");
        spec.Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = (ulong)replicas } };
        try
        {
            await client.Swarm.UpdateServiceAsync(current.ID, new ServiceUpdateParameters { Service = spec, Version = (long)(current.Version?.Index ?? 0), RegistryAuth = login is null ? null! : Auth(login) }, ct);
        }
        catch (DockerApiException e)
        {
            throw new SwarmException($"the engine did not scale service {service}: {Body(e)}");
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

    static string Body(DockerApiException e) => (e.ResponseBody?.Trim() is { Length: > 0 } body ? body : e.Message).ReplaceLineEndings(" ");
}
