namespace Nap.Deployer.Cluster;

/// <summary>One node in `nodes --json`.</summary>
/// <param name="Address">Where its tasks' ports are reached.</param>
/// <param name="Role">manager or worker.</param>
/// <param name="Availability">active, pause or drain.</param>
/// <param name="State">ready, down, unknown or disconnected.</param>
/// <param name="Apps">The apps with a task on it that is to run (the nap.app label of its tasks), sorted.</param>
public sealed record NodeLine(
    string Id, string Hostname, string Address, string Role, bool Leader, string Availability, string State,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> Apps);
