namespace Nap.Deployer.Docker;

/// <summary>What to ask `/services/{id}/logs` for: stdout and stderr always, with timestamps and task details.</summary>
/// <param name="Tail">The last lines of each task (the engine's tail is per task); null for all.</param>
/// <param name="Since">Only lines from then on; null for no bound.</param>
public sealed record ServiceLogQuery(int? Tail, bool Follow, DateTimeOffset? Since);
