using LibGit2Sharp;
using Nap.Deployer.Settings;
using Nap.Deployer.Unix;
using Nap.Protocol;

namespace Nap.Deployer.Repos;

/// <summary>
/// The bare repositories under /var/lib/nap/repos. napd (root) creates them and hands them to the
/// nap user, who writes them through git-receive-pack; napd re-installs the hook on every push.
/// </summary>
public sealed class RepoStore(NapPaths paths, NapdConfig config, UnixAccounts accounts)
{
    const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    static RepoStore() =>
        // napd is root and the repos are nap's: libgit2 would refuse them as "not owned by the current user".
        // napd opens only paths it built from validated app names.
        GlobalSettings.SetOwnerValidation(false);

    public string PathOf(string app) => paths.Repo(app);

    public bool Exists(string app) => Directory.Exists(Path.Combine(paths.Repo(app), "objects"));

    /// <summary>Creates the bare repository unless it exists; true when it was created.</summary>
    public bool EnsureCreated(string app)
    {
        // Two first pushes of one app at once: the second finds the repository whole, not half-made.
        lock (writing)
        {
            if (Exists(app))
                return false;
            Directory.CreateDirectory(paths.ReposDir);
            Repository.Init(paths.Repo(app), isBare: true);
            if (NapOwner() is var (uid, gid))
                Ownership.ChangeRecursive(paths.Repo(app), uid, gid);
            return true;
        }
    }

    // Also held while a push's settings are written: libgit2 refuses a config another writer holds locked.
    readonly Lock writing = new();

    /// <summary>
    /// git itself refuses a pack larger than the host's limit as it arrives (receive.maxInputSize), before anything
    /// is written to the repository. Set on every push, so a changed limit reaches old repositories.
    /// </summary>
    public void LimitPushes(string app)
    {
        const string Setting = "receive.maxInputSize";
        lock (writing)
        {
            using var repo = new Repository(paths.Repo(app));
            if (repo.Config.Get<long>(Setting) is { Value: var current } && current == config.Limits.PushBytes)
                return;
            repo.Config.Set(Setting, config.Limits.PushBytes, ConfigurationLevel.Local);
            // The config file was written anew (by root): the repository stays the nap user's.
            if (NapOwner() is var (uid, gid))
                Ownership.Change(Path.Combine(paths.Repo(app), "config"), uid, gid);
        }
    }

    /// <summary>
    /// (Re)writes hooks/pre-receive, so a new nap-receive reaches old repos. The repository is the nap user's, who
    /// could put a symlink where hooks/ or the hook was: napd writes through <see cref="NoFollowDirectory"/>, so as
    /// root it never writes, chmods or chowns anything outside the repository.
    /// </summary>
    public void InstallHooks(string app)
    {
        var hooks = Path.Combine(paths.Repo(app), "hooks");
        using var dir = NoFollowDirectory.OpenOrCreate(hooks);
        var owner = NapOwner();
        if (owner is var (uid, gid))
            Ownership.Change(hooks, uid, gid);
        dir.Replace("pre-receive", PreReceiveHook(config.ReceiveBinary), Executable, owner);
    }

    public static string PreReceiveHook(string receiveBinary) =>
        $"#!/bin/sh\nexec {ShellWord(receiveBinary)} hook pre-receive\n";

    /// <summary>Deletes the repository (the last step of `destroy`).</summary>
    public void Delete(string app)
    {
        if (Directory.Exists(paths.Repo(app)))
            Directory.Delete(paths.Repo(app), recursive: true);
    }

    (int Uid, int Gid)? NapOwner() =>
        accounts.UserId(UnixAccounts.NapUser) is { } uid && accounts.GroupId(UnixAccounts.NapGroup) is { } gid ? (uid, gid) : null;

    /// <summary>The path as one sh word: bare when plain, else single-quoted.</summary>
    static string ShellWord(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-')
            ? path
            : "'" + path.Replace("'", "'\\''") + "'";
}
