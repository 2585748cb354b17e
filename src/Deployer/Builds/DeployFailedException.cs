namespace Nap.Deployer.Builds;

/// <summary>A deploy step failed for a reason the pusher can act on; the message is for them.</summary>
public sealed class DeployFailedException(string message) : Exception(message);
