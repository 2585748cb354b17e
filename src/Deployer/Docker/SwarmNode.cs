namespace Nap.Deployer.Docker;

/// <summary>A node of the swarm as `/nodes` has it.</summary>
/// <param name="Address">The IP its tasks' host-mode ports are reached at: Status.Addr, or for a manager that reports
/// 0.0.0.0 there, the host part of its ManagerStatus.Addr.</param>
/// <param name="Role">worker or manager.</param>
/// <param name="Availability">active, pause or drain.</param>
/// <param name="State">ready, down, unknown, disconnected.</param>
/// <param name="Leader">The swarm's leading manager.</param>
/// <param name="Version">The engine's version index, which an update must name.</param>
public sealed record SwarmNode(
    string Id, string Hostname, string Address, string Role, string Availability, string State, bool Leader,
    IReadOnlyDictionary<string, string> Labels, ulong Version)
{
    public bool IsManager => Role == "manager";
}
