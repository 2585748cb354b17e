using System.Runtime.CompilerServices;
using Docker.DotNet.Models;
using Nap.Deployer.Docker;

namespace Nap.Deployer.Tests.Cluster;

/// <summary>An engine's swarm in memory: what the cluster verbs asked of it is recorded.</summary>
sealed class FakeSwarm : ISwarm
{
    public SwarmState State { get; set; } = SwarmState.Inactive;

    public List<SwarmNode> Nodes { get; } = [];

    public List<SwarmTask> Tasks { get; } = [];

    public List<string> Calls { get; } = [];

    /// <summary>Runs when a node is set to drain: the swarm stopping its tasks.</summary>
    public Action<SwarmNode>? OnDrain { get; set; }

    /// <summary>How often `/info` was asked for the swarm's state.</summary>
    public int StateReads => stateReads;

    int stateReads;

    public Task<SwarmState> StateAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref stateReads);
        return Task.FromResult(State);
    }

    public Task InitAsync(string advertiseAddress, CancellationToken ct)
    {
        Calls.Add($"init {advertiseAddress}");
        State = new SwarmState("active", true, "mgr1", $"{advertiseAddress}:2377", null);
        return Task.CompletedTask;
    }

    public Task<string> WorkerJoinTokenAsync(CancellationToken ct) => Task.FromResult("SWMTKN-1-abc-def");

    public Task<IReadOnlyList<SwarmNode>> NodesAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<SwarmNode>>(Nodes.ToArray());

    public Task<IReadOnlyList<SwarmTask>> TasksAsync(string? nodeId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<SwarmTask>>(Tasks.Where(t => nodeId is null || t.NodeId == nodeId).ToArray());

    public Task UpdateNodeAsync(SwarmNode node, IReadOnlyDictionary<string, string> labels, string availability, CancellationToken ct)
    {
        Calls.Add($"update {node.Hostname} {string.Join(',', labels.Select(l => $"{l.Key}={l.Value}"))} {availability}");
        var updated = node with { Labels = labels.ToDictionary(), Availability = availability, Version = node.Version + 1 };
        Nodes[Nodes.FindIndex(n => n.Id == node.Id)] = updated;
        if (availability == "drain")
            OnDrain?.Invoke(updated);
        return Task.CompletedTask;
    }

    public Task RemoveNodeAsync(string id, bool force, CancellationToken ct)
    {
        Calls.Add($"remove {id}{(force ? " --force" : "")}");
        Nodes.RemoveAll(n => n.Id == id);
        return Task.CompletedTask;
    }

    /// <summary>The tasks whose ServiceId is the service's name (the engine's filter takes a name or an ID).</summary>
    public Task<IReadOnlyList<SwarmTask>> ServiceTasksAsync(string service, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<SwarmTask>>(Tasks.Where(t => t.ServiceId == service).ToArray());

    public Task CreateServiceAsync(ServiceSpec spec, RegistryLogin login, CancellationToken ct) => throw new NotSupportedException();

    public Task<bool> ScaleServiceAsync(string service, int replicas, RegistryLogin? login, CancellationToken ct) => throw new NotSupportedException();

    public Task RemoveServiceAsync(string service, CancellationToken ct) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> ServicesOfAsync(string app, CancellationToken ct) => throw new NotSupportedException();

    public Task<string?> InspectServiceAsync(string service, CancellationToken ct) => throw new NotSupportedException();

    public Task EnsureOverlayAsync(string network, string app, CancellationToken ct) => throw new NotSupportedException();

    public Task<bool> RemoveOverlayAsync(string network, CancellationToken ct) => throw new NotSupportedException();

    public Task WatchAsync(Action changed, CancellationToken ct) => Task.Delay(Timeout.Infinite, ct);

    /// <summary>Each service's log lines so far, as the engine would send them; Queries records what was asked.</summary>
    public Dictionary<string, List<ServiceLogLine>> Logs { get; } = [];

    public List<ServiceLogQuery> Queries { get; } = [];

    /// <summary>Lines a follower gets after its backlog, then the stream stays open until it is cancelled.</summary>
    public List<ServiceLogLine> Followed { get; } = [];

    public async IAsyncEnumerable<ServiceLogLine> ServiceLogsAsync(string service, ServiceLogQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        Queries.Add(query);
        if (!Logs.TryGetValue(service, out var lines))
            throw new DockerSwarmException($"the engine has no service {service}");
        // The engine's tail is per task.
        foreach (var line in lines.Where(l => l.Time >= (query.Since ?? DateTimeOffset.MinValue)).GroupBy(l => l.TaskId).SelectMany(g => query.Tail is { } n ? g.TakeLast(n) : g))
            yield return line;
        if (!query.Follow)
            yield break;
        foreach (var line in Followed)
            yield return line;
        await Task.Delay(Timeout.Infinite, ct);
    }

    public static SwarmNode Node(string id, string hostname, string address, string role = "worker", string state = "ready") =>
        new(id, hostname, address, role, "active", state, role == "manager", new Dictionary<string, string>(), 7);

    /// <summary>A manager with two workers, one of them running web (twice) and a task of a service nap did not make.</summary>
    public static FakeSwarm Cluster()
    {
        var swarm = new FakeSwarm { State = new SwarmState("active", true, "mgr1", "10.0.0.1:2377", null) };
        swarm.Nodes.AddRange([Node("mgr1", "primary", "10.0.0.1", "manager"), Node("wrk1", "w1", "10.0.0.2"), Node("wrk2", "w2", "10.0.0.3")]);
        swarm.Tasks.AddRange([
            new SwarmTask("t1", "s1", "wrk1", "web", "running", "running", [30001]),
            new SwarmTask("t2", "s1", "wrk1", "web", "starting", "running", []),
            new SwarmTask("t3", "s2", "wrk1", null, "running", "running", []),
            new SwarmTask("t4", "s3", "wrk2", "api", "shutdown", "shutdown", []),
            new SwarmTask("t5", "s4", "mgr1", "shop", "running", "running", [30002]),
        ]);
        return swarm;
    }
}
