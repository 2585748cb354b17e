namespace Nap.Deployer.Registry;

/// <summary>The registry cannot be used for what was asked: one line naming it and what went wrong.</summary>
public sealed class RegistryException(string message) : Exception(message);
