namespace Nap.Deployer.Nginx;

/// <summary>
/// The certificate an app's domains are served with on port 443. The fingerprint goes into the file,
/// so a new certificate at the same paths changes the file and nginx reloads.
/// </summary>
public sealed record NginxTls(string ChainPath, string KeyPath, string Fingerprint);
