using CliWrap;
using CliWrap.Buffered;
using Nap.Deployer.Repos;
using Nap.Deployer.Unix;
using Nap.Protocol;

namespace Nap.Deployer.Hooks;

/// <summary>
/// Fetches the forge's branch into the app's bare repository with the app's deploy key, over ssh only: no agent, no
/// user or system config, the forge's host key learnt on first use into the app's own known_hosts.
/// </summary>
public sealed class HookFetch(HookStore store, RepoStore repos, UnixAccounts accounts)
{
    /// <summary>Where the fetched branch lands; the deploy branch moves only once its deploy went live.</summary>
    public const string FetchedRef = "refs/nap/hook";

    static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <exception cref="HookFetchException">The forge could not be reached, refused the key, or has no such revision.</exception>
    public async Task FetchAsync(string app, HookConfig hook, string revision, CancellationToken ct)
    {
        repos.EnsureCreated(app);
        using var limited = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limited.CancelAfter(Limit);
        BufferedCommandResult fetch;
        try
        {
            fetch = await Git(app, ["-c", "protocol.allow=never", "-c", "protocol.ssh.allow=always",
                    "fetch", "--no-tags", "--no-write-fetch-head", "--quiet", "--", hook.Repo, $"+{hook.BranchRef}:{FetchedRef}"])
                .ExecuteBufferedAsync(limited.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new HookFetchException($"fetching {hook.Repo} took more than {Limit.TotalMinutes:0} minutes");
        }
        finally
        {
            HandToNap(app);
        }
        if (fetch.ExitCode != 0)
            throw new HookFetchException($"fetching {hook.Branch} of {hook.Repo} failed: {Last(fetch.StandardError)} (is the deploy key added at the forge? hooks {app} shows it)");
        var present = await Git(app, ["cat-file", "-e", revision + "^{commit}"]).ExecuteBufferedAsync(ct);
        if (present.ExitCode != 0)
            throw new HookFetchException($"{revision[..12]} is not on {hook.Branch} of {hook.Repo} any more");
    }

    /// <summary>The deploy branch at the revision that went live, as a push would have left it.</summary>
    public async Task SetBranchAsync(string app, HookConfig hook, string revision)
    {
        try
        {
            var update = await Git(app, ["update-ref", hook.BranchRef, revision]).ExecuteBufferedAsync(CancellationToken.None);
            if (update.ExitCode != 0)
                throw new HookFetchException($"cannot set {hook.BranchRef} to {revision[..12]}: {Last(update.StandardError)}");
        }
        finally
        {
            HandToNap(app);
        }
    }

    Command Git(string app, IReadOnlyList<string> args)
    {
        var key = store.KeyPath(app);
        var knownHosts = store.KnownHostsPath(app);
        var ssh = $"ssh -F /dev/null -i '{key}' -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes -o UserKnownHostsFile='{knownHosts}' -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=accept-new -o ConnectTimeout=15";
        return Cli.Wrap("git")
            .WithArguments(["-c", "safe.directory=*", "--git-dir=" + repos.PathOf(app), .. args])
            .WithEnvironmentVariables(env => env
                .Set("GIT_SSH_COMMAND", ssh)
                .Set("GIT_SSH_VARIANT", "ssh")
                .Set("SSH_AUTH_SOCK", null)
                .Set("GIT_TERMINAL_PROMPT", "0")
                .Set("GIT_CONFIG_NOSYSTEM", "1")
                .Set("GIT_CONFIG_GLOBAL", "/dev/null"))
            .WithValidation(CommandResultValidation.None);
    }

    /// <summary>napd's git ran as root: what it wrote goes back to the nap user, whose pushes write the same repository.</summary>
    void HandToNap(string app)
    {
        if (accounts.UserId(UnixAccounts.NapUser) is { } uid && accounts.GroupId(UnixAccounts.NapGroup) is { } gid && repos.Exists(app))
            Ownership.ChangeRecursive(repos.PathOf(app), uid, gid);
    }

    static string Last(string stderr) =>
        Untrusted.Printable(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message", 200);
}

public sealed class HookFetchException(string message) : Exception(message);
