namespace Nap.Deployer.Nginx;

/// <summary>What `nginx -t` warns of, read from its stderr.</summary>
public static class NginxWarnings
{
    /// <summary>nginx's `conflicting server name "NAME" on ADDRESS:PORT, ignored` for <paramref name="domain"/>.</summary>
    public static bool ConflictsOn(string stderr, string domain) =>
        stderr.Contains($"conflicting server name \"{domain}\" on ", StringComparison.OrdinalIgnoreCase);
}
