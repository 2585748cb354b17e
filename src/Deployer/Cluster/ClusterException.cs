namespace Nap.Deployer.Cluster;

/// <summary>A release that did not come up on the cluster, in one line for the pusher.</summary>
public sealed class ClusterException(string message) : Exception(message);
