using System.Text.RegularExpressions;

namespace Nap.Deployer.Hooks;

/// <summary>
/// The forge's repository as hooks:add names it: an ssh URL (ssh://[user@]host[:port]/path or scp's user@host:path),
/// since napd fetches with the deploy key. Nothing that git could take for an option or another transport.
/// </summary>
public static partial class RepoUrl
{
    [GeneratedRegex(@"^ssh://(?:[A-Za-z0-9][A-Za-z0-9._-]*@)?(?<host>[A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?/(?<path>[A-Za-z0-9._~/-]+)$")]
    private static partial Regex SshUrl();

    [GeneratedRegex(@"^(?:[A-Za-z0-9][A-Za-z0-9._-]*@)?(?<host>[A-Za-z0-9][A-Za-z0-9.-]*):(?<path>[A-Za-z0-9._~][A-Za-z0-9._~/-]*)$")]
    private static partial Regex ScpUrl();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*://(?:[^@/]+@)?(?<host>[^/:]+|\[[^\]]+\])(?::\d+)?/(?<path>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex AnyUrl();

    /// <summary>Why <paramref name="url"/> cannot be fetched over ssh, or null.</summary>
    public static string? Validate(string? url) =>
        url is { Length: > 0 and <= 512 } && (SshUrl().IsMatch(url) || ScpUrl().IsMatch(url)) && !url.Contains("..", StringComparison.Ordinal)
            ? null
            : $"--repo wants the repository's ssh URL, as the forge shows it (git@forge.example:owner/repo.git or ssh://git@forge.example:2222/owner/repo.git), not '{Nap.Protocol.Untrusted.Printable(url ?? "")}'";

    /// <summary>
    /// host/path, lower case, without user, port, scheme or ".git": a payload's clone_url, ssh_url or web address all
    /// name the same repository as hooks:add's ssh URL.
    /// </summary>
    public static string? Canonical(string? url)
    {
        if (string.IsNullOrEmpty(url))
            return null;
        var match = AnyUrl().Match(url);
        if (!match.Success)
            match = ScpUrl().Match(url);
        if (!match.Success)
            return null;
        var path = match.Groups["path"].Value.Trim('/');
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
            path = path[..^4];
        return (match.Groups["host"].Value + "/" + path).ToLowerInvariant();
    }

    /// <summary>The host an ssh URL (or scp's form) names, without brackets; null when it names none.</summary>
    public static string? Host(string url)
    {
        var match = SshUrl().Match(url);
        if (!match.Success)
            match = ScpUrl().Match(url);
        return match.Success ? match.Groups["host"].Value.Trim('[', ']') : null;
    }
}
