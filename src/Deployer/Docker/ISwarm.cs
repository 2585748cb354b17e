using Docker.DotNet.Models;

namespace Nap.Deployer.Docker;

/// <summary>
/// What napd asks the engine about Docker Swarm: this engine's place in it, the nodes, their tasks. Apart from
/// <see cref="IDocker"/> because only a cluster needs it, and a single host never calls it.
/// </summary>
public interface ISwarm
{
    /// <summary>This engine's swarm state (`/info` Swarm).</summary>
    Task<SwarmState> StateAsync(CancellationToken ct);

    /// <summary>
    /// Makes this engine a swarm's first manager, advertising <paramref name="advertiseAddress"/> (an IP) on port 2377.
    /// Throws <see cref="DockerSwarmException"/> with the engine's reason.
    /// </summary>
    Task InitAsync(string advertiseAddress, CancellationToken ct);

    /// <summary>The token a worker joins with (`/swarm` JoinTokens.Worker); only a manager has it.</summary>
    Task<string> WorkerJoinTokenAsync(CancellationToken ct);

    Task<IReadOnlyList<SwarmNode>> NodesAsync(CancellationToken ct);

    /// <summary>The tasks the engine keeps (those of the last few restarts too), on every node or on <paramref name="nodeId"/>.</summary>
    Task<IReadOnlyList<SwarmTask>> TasksAsync(string? nodeId, CancellationToken ct);

    /// <summary>
    /// Sets the node's labels and availability (active, pause, drain) as a whole, at the version it was read at:
    /// a change by someone else meanwhile fails it (<see cref="DockerSwarmException"/>) rather than being undone.
    /// </summary>
    Task UpdateNodeAsync(SwarmNode node, IReadOnlyDictionary<string, string> labels, string availability, CancellationToken ct);

    /// <summary>Removes the node from the swarm; <paramref name="force"/> for one still up (it is told to leave).</summary>
    Task RemoveNodeAsync(string id, bool force, CancellationToken ct);

    /// <summary>The tasks of one service (by name), current and past (the engine keeps a few of each slot's); empty when there is no such service.</summary>
    Task<IReadOnlyList<SwarmTask>> ServiceTasksAsync(string service, CancellationToken ct);

    /// <summary>Creates the service, the nodes pulling its image with <paramref name="login"/> (X-Registry-Auth, "with registry auth").</summary>
    /// <exception cref="DockerSwarmException">The engine refused it: its message.</exception>
    Task CreateServiceAsync(ServiceSpec spec, RegistryLogin login, CancellationToken ct);

    /// <summary>Sets the service's replicas (<paramref name="login"/> for nodes that pull it now; null to scale to 0); false when there is no such service.</summary>
    Task<bool> ScaleServiceAsync(string service, int replicas, RegistryLogin? login, CancellationToken ct);

    /// <summary>Removes the service (its tasks stop after their grace period); absent is fine.</summary>
    Task RemoveServiceAsync(string service, CancellationToken ct);

    /// <summary>The names of the services labelled nap.app=<paramref name="app"/>.</summary>
    Task<IReadOnlyList<string>> ServicesOfAsync(string app, CancellationToken ct);

    /// <summary>The service as the engine has it, as JSON (its spec, version and endpoint); null when there is none.</summary>
    Task<string?> InspectServiceAsync(string service, CancellationToken ct);

    /// <summary>An overlay network of that name labelled nap.app=<paramref name="app"/>, made unless it exists.</summary>
    Task EnsureOverlayAsync(string network, string app, CancellationToken ct);

    /// <summary>Removes the overlay network of that name; true once it is gone (or never was), false while tasks still use it.</summary>
    Task<bool> RemoveOverlayAsync(string network, CancellationToken ct);

    /// <summary>
    /// The service's log lines from every task on every node (`/services/{id}/logs`, what `docker service logs` reads):
    /// the engine gathers them from each node's log driver, so the service's must be one it reads back (journald is).
    /// </summary>
    /// <exception cref="DockerSwarmException">No such service, or the engine cannot be reached or read: why, in one line.</exception>
    IAsyncEnumerable<ServiceLogLine> ServiceLogsAsync(string service, ServiceLogQuery query, CancellationToken ct);

    /// <summary>Calls <paramref name="changed"/> on each node, service or container event until <paramref name="ct"/> ends or the stream breaks.</summary>
    Task WatchAsync(Action changed, CancellationToken ct);
}
