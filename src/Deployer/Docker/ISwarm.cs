using Docker.DotNet.Models;

namespace Nap.Deployer.Docker;

/// <summary>What napd asks a Swarm manager's engine: whether it is one, its nodes, the services of nap's releases and their tasks.</summary>
public interface ISwarm
{
    /// <summary>True when this engine is an active Swarm manager (<c>/info</c>: LocalNodeState active and ControlAvailable).</summary>
    Task<bool> IsManagerAsync(CancellationToken ct);

    Task<IReadOnlyList<SwarmNode>> NodesAsync(CancellationToken ct);

    /// <summary>The tasks of one service, current and past (the engine keeps a few of each slot's); empty when it has none or no such service.</summary>
    Task<IReadOnlyList<SwarmTask>> TasksAsync(string service, CancellationToken ct);

    /// <summary>Creates the service, the nodes pulling its image with <paramref name="login"/> (X-Registry-Auth, "with registry auth").</summary>
    /// <exception cref="SwarmException">The engine refused it: its message.</exception>
    Task CreateServiceAsync(ServiceSpec spec, RegistryLogin login, CancellationToken ct);

    /// <summary>Sets the service's replicas; false when there is no such service.</summary>
    Task<bool> ScaleServiceAsync(string service, int replicas, RegistryLogin? login, CancellationToken ct);

    /// <summary>Removes the service (its tasks stop after their grace period); absent is fine.</summary>
    Task RemoveServiceAsync(string service, CancellationToken ct);

    /// <summary>The names of the services labelled nap.app=<paramref name="app"/>.</summary>
    Task<IReadOnlyList<string>> ServicesOfAsync(string app, CancellationToken ct);

    /// <summary>The service as the engine has it, as JSON (its spec, version and endpoint); null when there is none.</summary>
    Task<string?> InspectServiceAsync(string service, CancellationToken ct);

    /// <summary>An overlay network of that name labelled nap.app=<paramref name="app"/>, made unless it exists.</summary>
    Task EnsureOverlayAsync(string network, string app, CancellationToken ct);

    /// <summary>Calls <paramref name="changed"/> on each node, service or container event until <paramref name="ct"/> ends or the stream breaks.</summary>
    Task WatchAsync(Action changed, CancellationToken ct);
}

/// <param name="Address">Where its published ports are reached: Status.Addr, or for a manager that reports 0.0.0.0 its ManagerStatus.Addr's host.</param>
/// <param name="State">ready, down, unknown, disconnected.</param>
public sealed record SwarmNode(string Id, string Name, string Address, string State, string Availability, string Role);

/// <param name="State">The engine's task state: new, pending, assigned, ..., running, complete, shutdown, failed, rejected, orphaned.</param>
/// <param name="Error">Why it is pending or failed (Status.Err), else null.</param>
/// <param name="Port">The host-mode port the engine published for it, once it has.</param>
public sealed record SwarmTask(string Id, string NodeId, long Slot, string State, string DesiredState, string Message, string? Error, int? Port);
