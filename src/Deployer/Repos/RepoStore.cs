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
        if (Exists(app))
            return false;
        Directory.CreateDirectory(paths.ReposDir);
        Repository.Init(paths.Repo(app), isBare: true);
        if (NapOwner() is var (uid, gid))
            Ownership.ChangeRecursive(paths.Repo(app), uid, gid);
        return true;
    }

    /// <summary>(Re)writes hooks/pre-receive, so a new nap-receive reaches old repos.</summary>
    public void InstallHooks(string app)
    {
        var hooks = Path.Combine(paths.Repo(app), "hooks");
        Directory.CreateDirectory(hooks);
        var hook = Path.Combine(hooks, "pre-receive");
        var temp = $"{hook}.{Guid.NewGuid():N}.tmp";
        // Written aside and renamed: a push running right now sees the old hook or the new one, whole.
        File.WriteAllText(temp, PreReceiveHook(config.ReceiveBinary));
        File.SetUnixFileMode(temp, Executable);
        if (NapOwner() is var (uid, gid))
        {
            Ownership.Change(hooks, uid, gid);
            Ownership.Change(temp, uid, gid);
        }

        File.Move(temp, hook, overwrite: true);
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
