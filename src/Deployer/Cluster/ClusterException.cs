namespace Nap.Deployer.Cluster;

/// <summary>What was asked of the cluster cannot be done: one line naming why and what to do.</summary>
public sealed class ClusterException(string message) : Exception(message);
