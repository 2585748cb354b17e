namespace Nap.Deployer.Nginx;

/// <summary>nginx refused a configuration or a reload; the message is nginx's.</summary>
public sealed class NginxException(string message) : Exception(message);
