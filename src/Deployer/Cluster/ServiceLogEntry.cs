namespace Nap.Deployer.Cluster;

/// <summary>A line for `logs` on a cluster: an app's line with where it came from, or one of the engine's own about its reading.</summary>
public sealed record ServiceLogEntry(string Text, bool FromEngine);
