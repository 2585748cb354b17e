namespace Nap.Deployer.Docker;

/// <param name="LocalNodeState">The engine's word: inactive, pending, active, error, locked.</param>
/// <param name="ControlAvailable">This engine is a manager (it answers the swarm's API).</param>
/// <param name="NodeId">This engine's node, when it is in a swarm.</param>
/// <param name="ManagerAddress">A manager's IP:PORT workers join at (this one's when it is a manager).</param>
/// <param name="Error">The engine's reason for an error state.</param>
public sealed record SwarmState(string LocalNodeState, bool ControlAvailable, string? NodeId, string? ManagerAddress, string? Error)
{
    public bool IsManager => LocalNodeState == "active" && ControlAvailable;

    public static SwarmState Inactive { get; } = new("inactive", false, null, null, null);
}
