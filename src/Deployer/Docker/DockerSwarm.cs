using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Nap.Deployer.Docker;

/// <summary><see cref="ISwarm"/> over the engine's socket, at the API version <see cref="DockerEngine"/> speaks.</summary>
public sealed partial class DockerSwarm(DockerClient client) : ISwarm, IDisposable
{
    public const int ManagerPort = 2377;

    public static DockerSwarm Connect(Uri? endpoint = null) =>
        new(new DockerClientBuilder().WithEndpoint(endpoint ?? DockerEngine.DefaultEndpoint).WithApiVersion(DockerEngine.ApiVersion).Build());

    public async Task<SwarmState> StateAsync(CancellationToken ct)
    {
        var swarm = (await client.System.GetSystemInfoAsync(ct)).Swarm;
        if (swarm is null)
            return SwarmState.Inactive;
        var manager = swarm.RemoteManagers?.FirstOrDefault(m => m.NodeID == swarm.NodeID)?.Addr
            ?? swarm.RemoteManagers?.FirstOrDefault()?.Addr;
        return new SwarmState(swarm.LocalNodeState ?? "inactive", swarm.ControlAvailable, NullIfEmpty(swarm.NodeID), NullIfEmpty(manager), NullIfEmpty(swarm.Error));
    }

    /// <summary>
    /// How often nodes report to the manager: the manager marks a node down after about three missed beats, and only
    /// then does Swarm start its tasks elsewhere and napd take them out of the upstream. Swarm's default, 5 s, made a
    /// lost worker leave the upstream after ~23 s; 2 s (what `docker swarm init --dispatcher-heartbeat 2s` sets) costs
    /// a few bytes a second per node, which a cluster of nap's size does not notice.
    /// </summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);

    public async Task InitAsync(string advertiseAddress, CancellationToken ct)
    {
        try
        {
            await client.Swarm.InitSwarmAsync(new SwarmInitParameters
            {
                ListenAddr = $"0.0.0.0:{ManagerPort}",
                AdvertiseAddr = $"{advertiseAddress}:{ManagerPort}",
                Spec = new Spec { Dispatcher = new DispatcherConfig { HeartbeatPeriod = Heartbeat } },
            }, ct);
        }
        catch (DockerApiException e)
        {
            throw new DockerSwarmException(Reason(e));
        }
    }

    public async Task<string> WorkerJoinTokenAsync(CancellationToken ct)
    {
        try
        {
            return (await client.Swarm.InspectSwarmAsync(ct)).JoinTokens?.Worker is { Length: > 0 } token
                ? token
                : throw new DockerSwarmException("the engine gave no worker join token");
        }
        catch (DockerApiException e)
        {
            throw new DockerSwarmException(Reason(e));
        }
    }

    public async Task<IReadOnlyList<SwarmNode>> NodesAsync(CancellationToken ct)
    {
        try
        {
            return (await client.Swarm.ListNodesAsync(ct)).Select(Node).OrderBy(n => n.IsManager ? 0 : 1).ThenBy(n => n.Hostname, StringComparer.Ordinal).ToArray();
        }
        catch (DockerApiException e)
        {
            throw new DockerSwarmException(Reason(e));
        }
    }

    static SwarmNode Node(NodeListResponse n)
    {
        var address = n.Status?.Addr;
        // A manager may report 0.0.0.0 as its own address; the address it advertises to the others is the real one.
        if (string.IsNullOrEmpty(address) || address == "0.0.0.0")
            address = n.ManagerStatus?.Addr is { } manager ? Host(manager) : "";
        return new SwarmNode(
            n.ID, n.Description?.Hostname ?? "", address, n.Spec?.Role ?? "", n.Spec?.Availability ?? "", n.Status?.State ?? "",
            n.ManagerStatus?.Leader == true, new Dictionary<string, string>(n.Spec?.Labels ?? new Dictionary<string, string>()), n.Version?.Index ?? 0);
    }

    static string Host(string hostPort) => hostPort.LastIndexOf(':') is var colon and > 0 ? hostPort[..colon].Trim('[', ']') : hostPort;

    public async Task<IReadOnlyList<SwarmTask>> TasksAsync(string? nodeId, CancellationToken ct)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>>();
        if (nodeId is not null)
            filters["node"] = new Dictionary<string, bool> { [nodeId] = true };
        try
        {
            return (await client.Tasks.ListAsync(new TasksListParameters { Filters = filters }, ct)).Select(t => new SwarmTask(
                t.ID, t.ServiceID ?? "", NullIfEmpty(t.NodeID),
                t.Spec?.ContainerSpec?.Labels?.TryGetValue("nap.app", out var app) == true ? app : null,
                State(t.Status?.State), State(t.DesiredState),
                t.Status?.PortStatus?.Ports?.Where(p => p.PublishedPort > 0).Select(p => (int)p.PublishedPort!.Value).ToArray() ?? [])).ToArray();
        }
        catch (DockerApiException e)
        {
            throw new DockerSwarmException(Reason(e));
        }
    }

    static string State(TaskState? state) => state?.ToString().ToLowerInvariant() ?? "unknown";

    public async Task UpdateNodeAsync(SwarmNode node, IReadOnlyDictionary<string, string> labels, string availability, CancellationToken ct)
    {
        try
        {
            var current = await client.Swarm.InspectNodeAsync(node.Id, ct);
            await client.Swarm.UpdateNodeAsync(node.Id, node.Version, new NodeUpdateParameters
            {
                // The whole spec is replaced: keep its name and role as they are.
                Name = current.Spec?.Name,
                Role = current.Spec?.Role,
                Labels = new Dictionary<string, string>(labels),
                Availability = availability,
            }, ct);
        }
        catch (DockerApiException e)
        {
            throw new DockerSwarmException(Reason(e));
        }
    }

    public async Task RemoveNodeAsync(string id, bool force, CancellationToken ct)
    {
        try
        {
            await client.Swarm.RemoveNodeAsync(id, force, ct);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Gone already: what was asked.
        }
        catch (DockerApiException e)
        {
            throw new DockerSwarmException(Reason(e));
        }
    }

    /// <summary>The engine's message from its JSON body ({"message": ...}), in one line.</summary>
    static string Reason(DockerApiException e)
    {
        var body = (e.ResponseBody ?? "").Trim();
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message)
                && message.GetString() is { Length: > 0 } text)
                body = text;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not the engine's JSON: its text as it is.
        }
        return (body.Length > 0 ? body : e.Message).ReplaceLineEndings(" ").Trim();
    }

    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    public void Dispose() => client.Dispose();
}
