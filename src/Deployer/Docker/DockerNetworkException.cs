namespace Nap.Deployer.Docker;

/// <summary>An app's network could not be made; an IOException, so a push reports it as its one line.</summary>
public sealed class DockerNetworkException(string message) : IOException(message);
