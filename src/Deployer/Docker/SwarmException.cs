namespace Nap.Deployer.Docker;

public sealed class SwarmException(string message) : Exception(message);
