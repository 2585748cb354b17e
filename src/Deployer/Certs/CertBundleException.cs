namespace Nap.Deployer.Certs;

/// <summary>A bundle refused by <see cref="CertBundle.Parse"/>; the message is the one line the client sees.</summary>
public sealed class CertBundleException(string message) : Exception(message);
