using Nap.Protocol;

namespace Nap.Deployer.Hooks;

/// <summary>hooks:add's options: --forge F --repo URL [--branch B] [--status-token -|T], each once.</summary>
public sealed record HookOptions(Forge Forge, string Repo, string? Branch, string? StatusToken)
{
    public const string Usage = "use hooks:add APP --forge github|gitea|gitlab --repo SSH_URL [--branch B] [--status-token - < token]";

    /// <param name="input">The client's stdin, where `--status-token -` reads the token (it stays off the ssh command line).</param>
    /// <returns>The options, or the one line that says what is wrong.</returns>
    public static (HookOptions? Options, string? Problem) Parse(IReadOnlyList<string> args, string? input = null)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (args[i] is not ("--forge" or "--repo" or "--branch" or "--status-token") || i + 1 >= args.Count || !values.TryAdd(args[i], args[i + 1]))
                return (null, $"hooks:add does not take '{Untrusted.Printable(args[i], 40)}' there: {Usage}");
        }
        if (!values.TryGetValue("--forge", out var forgeName) || Forge.Find(forgeName) is not { } forge)
            return (null, $"--forge must be one of {Forge.Names}: {Usage}");
        if (!values.TryGetValue("--repo", out var repo))
            return (null, $"--repo is missing: {Usage}");
        if (RepoUrl.Validate(repo) is { } bad)
            return (null, bad);
        var branch = values.GetValueOrDefault("--branch");
        if (branch is not null && (branch.Length > 100 || branch.StartsWith('-') || branch.Contains("..", StringComparison.Ordinal)
            || !branch.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
            return (null, $"--branch '{Untrusted.Printable(branch, 40)}' is not a branch name nap takes (letters, digits, - _ . /)");
        var token = values.GetValueOrDefault("--status-token");
        if (token == "-")
        {
            token = input?.Trim();
            if (string.IsNullOrEmpty(token))
                return (null, "--status-token - reads the token from stdin, and none came: ssh nap@HOST hooks:add APP ... --status-token - < token-file");
        }
        if (token is not null && (token.Length is 0 or > 256 || !token.All(c => c > ' ' && c <= '~')))
            return (null, "--status-token is not a token (printable ASCII, no spaces, at most 256 characters)");
        return (new HookOptions(forge, repo, branch, token), null);
    }
}
