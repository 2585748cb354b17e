namespace Nap.Deployer.Repos;

/// <summary>A checkout stopped at a limit or a path that leaves the tree; the message is the one line the pusher sees.</summary>
public sealed class CheckoutRefusedException(string message) : IOException(message);
