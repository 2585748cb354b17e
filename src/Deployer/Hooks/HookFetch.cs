using CliWrap;
using CliWrap.Buffered;
using Nap.Deployer.Repos;
using Nap.Deployer.Settings;
using Nap.Deployer.Unix;
using Nap.Protocol;

namespace Nap.Deployer.Hooks;

/// <summary>
/// Fetches the forge's branch into the app's bare repository with the app's deploy key, over ssh only: no agent, no
/// user or system config, the forge's host key learnt on first use into the app's own known_hosts. git and ssh run as
/// the nap user (setpriv), never root: the repository is nap's anyway, and a tenant's --repo gets no root process
/// on the network. The key and known_hosts are handed to it in a 0700 directory of nap's under /run/nap for the
/// fetch only. ssh connects to the address <see cref="ForgeAddress"/> judged. The pack is capped like a push's
/// (limits.pushMegabytes): git's fetch has no receive.maxInputSize, so it runs under prlimit's file size limit and
/// always keeps the pack whole (fetch.unpackLimit=1), the one file that grows with the forge's repository.
/// </summary>
public sealed class HookFetch(HookStore store, RepoStore repos, UnixAccounts accounts, NapdConfig config, NapPaths paths, ForgeAddress forges)
{
    /// <summary>Where the fetched branch lands; the deploy branch moves only once its deploy went live.</summary>
    public const string FetchedRef = "refs/nap/hook";

    static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <exception cref="HookFetchException">The forge could not be reached, refused the key, or has no such revision.</exception>
    public async Task FetchAsync(string app, HookConfig hook, string revision, CancellationToken ct)
    {
        var (address, refused) = await forges.ResolveAsync(hook.Repo, ct);
        if (refused is not null)
            throw new HookFetchException(refused);
        repos.EnsureCreated(app);
        using var limited = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limited.CancelAfter(Limit);
        var cap = config.Limits.PushBytes;
        var lent = LendKey(app);
        BufferedCommandResult fetch;
        try
        {
            fetch = await Git(app, ["-c", "protocol.allow=never", "-c", "protocol.ssh.allow=always", "-c", "fetch.unpackLimit=1",
                    "fetch", "--no-tags", "--no-write-fetch-head", "--quiet", "--", hook.Repo, $"+{hook.BranchRef}:{FetchedRef}"],
                    Ssh(lent, RepoUrl.Host(hook.Repo)!, address!), fileSizeLimit: cap)
                .ExecuteBufferedAsync(limited.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new HookFetchException($"fetching {hook.Repo} took more than {Limit.TotalMinutes:0} minutes");
        }
        finally
        {
            TakeKeyBack(app, lent);
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
        var update = await Git(app, ["update-ref", hook.BranchRef, revision]).ExecuteBufferedAsync(CancellationToken.None);
        if (update.ExitCode != 0)
            throw new HookFetchException($"cannot set {hook.BranchRef} to {revision[..12]}: {Last(update.StandardError)}");
    }

    (int Uid, int Gid)? Nap() =>
        accounts.UserId(UnixAccounts.NapUser) is { } uid && accounts.GroupId(UnixAccounts.NapGroup) is { } gid ? (uid, gid) : null;

    /// <summary>A copy of the deploy key and known_hosts in a fresh 0700 directory of nap's, for this fetch only.</summary>
    string LendKey(string app)
    {
        var dir = Path.Combine(paths.RuntimeDir, $"hook-fetch-{app}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir, OwnerOnly);
        File.Copy(store.KeyPath(app), Path.Combine(dir, "key"));
        if (File.Exists(store.KnownHostsPath(app)))
            File.Copy(store.KnownHostsPath(app), Path.Combine(dir, "known_hosts"));
        if (Nap() is var (uid, gid))
            Ownership.ChangeRecursive(dir, uid, gid);
        return dir;
    }

    /// <summary>The forge's host key as ssh learnt it goes back to the app's root-only known_hosts; the lent key is deleted.</summary>
    void TakeKeyBack(string app, string dir)
    {
        try
        {
            var learnt = new FileInfo(Path.Combine(dir, "known_hosts"));
            // nap's directory: only a plain, small file is taken back, never what a link points to.
            if (learnt.Exists && learnt.LinkTarget is null && learnt.Length <= 64 * 1024)
                PrivateFile.Write(store.KnownHostsPath(app), File.ReadAllText(learnt.FullName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    static string Ssh(string lent, string host, System.Net.IPAddress address) =>
        $"ssh -F /dev/null -i '{lent}/key' -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes -o UserKnownHostsFile='{lent}/known_hosts' "
        + $"-o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=accept-new -o ConnectTimeout=15 -o HostName={address} -o HostKeyAlias={host}";

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

    Command Git(string app, IReadOnlyList<string> args, string? ssh = null, long? fileSizeLimit = null)
    {
        string[] command = ["git", "-c", "safe.directory=*", "--git-dir=" + repos.PathOf(app), .. args];
        // util-linux's prlimit: RLIMIT_FSIZE for git and the index-pack it runs; a write past it ends them (SIGXFSZ).
        if (fileSizeLimit is { } bytes)
            command = ["prlimit", $"--fsize={bytes}", "--", .. command];
        // util-linux's setpriv: nap's uid, gid and no other groups; root's capabilities are gone with the uid.
        if (Nap() is var (uid, gid))
            command = ["setpriv", $"--reuid={uid}", $"--regid={gid}", "--clear-groups", "--", .. command];
        return Cli.Wrap(command[0])
            .WithArguments(command[1..])
            .WithEnvironmentVariables(env => env
                .Set("GIT_SSH_COMMAND", ssh ?? "false")
                .Set("GIT_SSH_VARIANT", "ssh")
                .Set("SSH_AUTH_SOCK", null)
                .Set("HOME", paths.RuntimeDir)
                .Set("GIT_TERMINAL_PROMPT", "0")
                .Set("GIT_CONFIG_NOSYSTEM", "1")
                .Set("GIT_CONFIG_GLOBAL", "/dev/null"))
            .WithValidation(CommandResultValidation.None);
    }

    static string Last(string stderr) =>
        Untrusted.Printable(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message", 200);
}

public sealed class HookFetchException(string message) : Exception(message);
