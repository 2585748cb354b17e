namespace Nap.Deployer.Docker;

/// <summary>The engine refused a swarm request: its own message, in one line.</summary>
public sealed class DockerSwarmException(string message) : Exception(message);
