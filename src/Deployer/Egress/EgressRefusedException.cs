namespace Nap.Deployer.Egress;

/// <summary>A fetch was stopped before connecting: the message names the host, the address and why, for the pusher.</summary>
public sealed class EgressRefusedException(string message) : Exception(message);

/// <summary>A fetch failed on the network or at the server (DNS, connection, TLS, an HTTP error); the message is for the pusher.</summary>
public sealed class FetchFailedException(string message, Exception? inner = null) : Exception(message, inner);
