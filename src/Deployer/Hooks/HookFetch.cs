using CliWrap;
using CliWrap.Buffered;
using Nap.Deployer.Repos;
using Nap.Deployer.Settings;
using Nap.Deployer.Unix;
using Nap.Protocol;

namespace Nap.Deployer.Hooks;

/// <summary>
/// Fetches the forge's branch into the app's bare repository with the app's deploy key, over ssh only: no agent, no
/// user or system config, the forge's host key learnt on first use into the app's own known_hosts. The pack is capped
/// like a push's (limits.pushMegabytes): git's fetch has no receive.maxInputSize, so it runs under prlimit's file
/// size limit and always keeps the pack whole (fetch.unpackLimit=1), the one file that grows with the forge's repository.
/// </summary>
public sealed class HookFetch(HookStore store, RepoStore repos, UnixAccounts accounts, NapdConfig config)
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
        var cap = config.Limits.PushBytes;
        BufferedCommandResult fetch;
        try
        {
            fetch = await Git(app, ["-c", "protocol.allow=never", "-c", "protocol.ssh.allow=always", "-c", "fetch.unpackLimit=1",
                    "fetch", "--no-tags", "--no-write-fetch-head", "--quiet", "--", hook.Repo, $"+{hook.BranchRef}:{FetchedRef}"], fileSizeLimit: cap)
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
        if (fetch.ExitCode != 0 && RemovePartialPacks(app, cap))
            throw new HookFetchException($"fetching {hook.Branch} of {hook.Repo} stopped at {cap >> 20} MB, the most a push may bring ({TenantLimits.Name("pushMegabytes")} raises it)");
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

    /// <summary>
    /// Removes what a cut fetch left in objects/pack (index-pack killed at the limit cannot clean up after itself);
    /// true when one of them had reached <paramref name="cap"/>: the limit cut the fetch. A push's packs are never
    /// there: receive-pack writes into a quarantine directory of its own.
    /// </summary>
    bool RemovePartialPacks(string app, long cap)
    {
        var packs = Path.Combine(repos.PathOf(app), "objects", "pack");
        if (!Directory.Exists(packs))
            return false;
        var capped = false;
        foreach (var partial in Directory.EnumerateFiles(packs, "tmp_pack_*"))
        {
            capped |= new FileInfo(partial).Length >= cap;
            File.Delete(partial);
        }
        return capped;
    }

    Command Git(string app, IReadOnlyList<string> args, long? fileSizeLimit = null)
    {
        var key = store.KeyPath(app);
        var knownHosts = store.KnownHostsPath(app);
        var ssh = $"ssh -F /dev/null -i '{key}' -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes -o UserKnownHostsFile='{knownHosts}' -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=accept-new -o ConnectTimeout=15";
        string[] git = ["git", "-c", "safe.directory=*", "--git-dir=" + repos.PathOf(app), .. args];
        // util-linux's prlimit: RLIMIT_FSIZE for git and the index-pack it runs; a write past it ends them (SIGXFSZ).
        string[] command = fileSizeLimit is { } bytes ? ["prlimit", $"--fsize={bytes}", "--", .. git] : git;
        return Cli.Wrap(command[0])
            .WithArguments(command[1..])
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
