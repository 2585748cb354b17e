namespace Nap.Deployer.Docker;

/// <summary>A task of a swarm service, with the nap labels its container carries.</summary>
/// <param name="App">The container's nap.app label; null for a service nap did not make.</param>
/// <param name="State">The engine's word: new, pending, assigned, preparing, starting, running, shutdown, failed...</param>
/// <param name="DesiredState">What the swarm wants of it: running, or shutdown once it is to go (a drained node's).</param>
/// <param name="PublishedPorts">Host-mode ports the engine picked on the task's node.</param>
public sealed record SwarmTask(string Id, string ServiceId, string? NodeId, string? App, string State, string DesiredState, IReadOnlyList<int> PublishedPorts)
{
    static readonly string[] Ended = ["complete", "shutdown", "failed", "rejected", "remove", "orphaned"];

    /// <summary>The container's port behind the first of <see cref="PublishedPorts"/> (its app's $PORT); 0 when none is published.</summary>
    public int TargetPort { get; init; }

    /// <summary>Its slot in a replicated service (1..replicas); 0 when not read.</summary>
    public long Slot { get; init; }

    /// <summary>Why it is pending, failed or rejected (Status.Err), else null.</summary>
    public string? Error { get; init; }

    /// <summary>Its container may still run: the task has not reached an end state.</summary>
    public bool IsLive => !Ended.Contains(State);
}
