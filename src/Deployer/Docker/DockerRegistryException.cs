namespace Nap.Deployer.Docker;

/// <summary>A push or pull the engine did not finish: its own message, in one line.</summary>
public sealed class DockerRegistryException(string message) : Exception(message);
