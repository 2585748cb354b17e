namespace Nap.Deployer.Ports;

public sealed class PortsExhaustedException(string message) : Exception(message);
