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
}
