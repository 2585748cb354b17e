using System.Diagnostics;
using System.Runtime.Versioning;
using Nap.Protocol;

namespace Nap.Receive.Tests;

/// <summary>
/// Real git, real pushes: the client's `git push nap@host:APP` runs nap-receive as the forced
/// command (a one-line stand-in for ssh sets SSH_ORIGINAL_COMMAND as sshd would), nap-receive
/// execs the real git-receive-pack, and git runs nap-receive as the pre-receive hook.
/// napd is a fake that records requests (the real one is written in parallel): on
/// `git-receive-pack` it does what napd's step 2 does, creating the bare repo and its hook.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class GitPushThroughFakeNapdSpecs : IAsyncLifetime
{
    const string Zero = "0000000000000000000000000000000000000000";

    readonly TempDir dir = new();
    readonly NapPaths paths;
    readonly string work;
    FakeNapd napd = null!;
    int receiveExitCode;
    TaskCompletionSource? hungUpDuringBuild;
    readonly List<bool> quarantineExisted = [];

    public GitPushThroughFakeNapdSpecs()
    {
        paths = new NapPaths(dir.Sub("data"), dir.Sub("etc"), dir.Sub("run"));
        work = dir.Sub("work");
        var ssh = Path.Combine(dir.Path, "ssh");
        // git (GIT_SSH_VARIANT=simple) runs: ssh HOST COMMAND.
        File.WriteAllText(ssh, $"#!/bin/sh\nSSH_ORIGINAL_COMMAND=\"$2\" exec {NapReceiveBinary.Path} --key alice\n");
        File.SetUnixFileMode(ssh, (UnixFileMode)0b111_101_101);
    }

    public Task InitializeAsync()
    {
        napd = new FakeNapd(paths.Socket, ServeAsync);
        return Task.CompletedTask;
    }

    async Task ServeAsync(NapRequest request, FakeNapd.Connection connection)
    {
        switch (request.Verb)
        {
            case "git-receive-pack":
                var repo = paths.Repo(request.Args[0]);
                if (!Directory.Exists(repo))
                    await GitAsync(dir.Path, "init", "-q", "--bare", repo);
                var hook = Path.Combine(repo, "hooks", "pre-receive");
                await File.WriteAllTextAsync(hook, $"#!/bin/sh\nexec {NapReceiveBinary.Path} hook pre-receive\n");
                File.SetUnixFileMode(hook, (UnixFileMode)0b111_101_101);
                await connection.SendAsync(NapReply.Exit(0));
                break;
            case "receive":
                quarantineExisted.Add(request.GitEnv?.TryGetValue("GIT_QUARANTINE_PATH", out var q) == true && Directory.Exists(q));
                await connection.SendAsync(NapReply.Out($"-----> Building {request.Args[0]} ({request.Args[1].Split(' ')[1][..7]})"));
                await connection.SendAsync(NapReply.Err("       Step 1/2 : FROM alpine"));
                if (hungUpDuringBuild is not null)
                {
                    // A long, silent build step: only the hook hanging up ends it.
                    await connection.HungUp.WaitAsync(TimeSpan.FromSeconds(30));
                    hungUpDuringBuild.SetResult();
                    return;
                }
                await connection.SendAsync(receiveExitCode == 0 ? NapReply.Out("=====> deployed") : NapReply.Err("-----> build failed: push rejected"));
                await connection.SendAsync(NapReply.Exit(receiveExitCode));
                break;
            default:
                await connection.SendAsync(NapReply.Exit(0));
                break;
        }
    }

    IReadOnlyDictionary<string, string?> Env => new Dictionary<string, string?>
    {
        ["HOME"] = dir.Path,
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_SSH_COMMAND"] = Path.Combine(dir.Path, "ssh"),
        ["GIT_SSH_VARIANT"] = "simple",
        ["GIT_AUTHOR_NAME"] = "Alice", ["GIT_AUTHOR_EMAIL"] = "alice@example.com",
        ["GIT_COMMITTER_NAME"] = "Alice", ["GIT_COMMITTER_EMAIL"] = "alice@example.com",
        ["NAP_DATA_DIR"] = paths.DataDir,
        ["NAP_RUNTIME_DIR"] = paths.RuntimeDir,
    };

    async Task<ProcessRun> GitAsync(string cwd, params string[] args) =>
        await ProcessRun.StartAsync("git", args, Env, cwd);

    /// <summary>
    /// A push whose forced command gets <paramref name="accepted"/> in its environment, as if sshd's AcceptEnv let the
    /// client's variables through (git itself strips GIT_CONFIG_* and the like before it runs ssh: the stand-in adds them).
    /// </summary>
    async Task<ProcessRun> PushWithAcceptedEnvAsync(string remote, IReadOnlyDictionary<string, string> accepted)
    {
        var ssh = Path.Combine(dir.Path, "ssh-accept-env");
        var exports = string.Concat(accepted.Select(kv => $"export {kv.Key}='{kv.Value.Replace("'", "'\\''")}'\n"));
        await File.WriteAllTextAsync(ssh, $"#!/bin/sh\n{exports}SSH_ORIGINAL_COMMAND=\"$2\" exec {NapReceiveBinary.Path} --key alice\n");
        File.SetUnixFileMode(ssh, (UnixFileMode)0b111_101_101);
        var env = new Dictionary<string, string?>(Env) { ["GIT_SSH_COMMAND"] = ssh };
        return await ProcessRun.StartAsync("git", ["push", remote, "master"], env, work);
    }

    async Task<string> CommitAsync(string text)
    {
        await File.WriteAllTextAsync(Path.Combine(work, "README"), text);
        await GitAsync(work, "add", "README");
        await GitAsync(work, "commit", "-q", "-m", text);
        return (await GitAsync(work, "rev-parse", "HEAD")).Stdout.Trim();
    }

    async Task<string?> BranchInRepoAsync(string app)
    {
        var run = await GitAsync(dir.Path, "--git-dir", paths.Repo(app), "rev-parse", "--verify", "-q", "refs/heads/master");
        return run.ExitCode == 0 ? run.Stdout.Trim() : null;
    }

    Task<ProcessRun> PushAsync(string remote) => GitAsync(work, "push", remote, "master");

    [Fact]
    public async Task My_push_reaches_napd_with_the_ref_and_quarantine_and_I_see_its_lines_as_remote_lines()
    {
        await GitAsync(work, "-c", "init.defaultBranch=master", "init", "-q");
        var rev = await CommitAsync("one");

        var push = await PushAsync("nap@host:myapp");

        Assert.True(push.ExitCode == 0, push.Stderr);
        Assert.Contains($"remote: -----> Building myapp ({rev[..7]})", push.Stderr);
        Assert.Contains("remote:        Step 1/2 : FROM alpine", push.Stderr);
        Assert.Contains("remote: =====> deployed", push.Stderr);
        Assert.Equal(rev, await BranchInRepoAsync("myapp"));

        Assert.Equal(["git-receive-pack", "receive"], napd.Requests.Select(r => r.Verb));
        Assert.All(napd.Requests, r => Assert.Equal("alice", r.Key));
        var receive = napd.Requests.Last();
        Assert.Equal(["myapp", $"{Zero} {rev} refs/heads/master"], receive.Args);
        var quarantine = receive.GitEnv!["GIT_QUARANTINE_PATH"];
        Assert.StartsWith(Path.Combine(paths.Repo("myapp"), "objects") + "/", quarantine);
        Assert.Contains("incoming-", quarantine);
        Assert.Equal([true], quarantineExisted);
        Assert.False(Directory.Exists(quarantine));
        Assert.Equal(quarantine, receive.GitEnv["GIT_OBJECT_DIRECTORY"]);
        Assert.Equal(["GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_OBJECT_DIRECTORY", "GIT_QUARANTINE_PATH"], receive.GitEnv.Keys.Order());
    }

    [Fact]
    public async Task Git_config_in_the_clients_environment_never_reaches_the_git_that_receives_the_push()
    {
        await GitAsync(work, "-c", "init.defaultBranch=master", "init", "-q");
        await CommitAsync("one");
        var evil = dir.Sub("evil-hooks");
        var marker = Path.Combine(dir.Path, "evil-hook-ran");
        await File.WriteAllTextAsync(Path.Combine(evil, "pre-receive"), $"#!/bin/sh\ntouch {marker}\n");
        File.SetUnixFileMode(Path.Combine(evil, "pre-receive"), (UnixFileMode)0b111_101_101);

        var push = await PushWithAcceptedEnvAsync("nap@host:myapp", new Dictionary<string, string>
        {
            ["GIT_CONFIG_COUNT"] = "1", ["GIT_CONFIG_KEY_0"] = "core.hooksPath", ["GIT_CONFIG_VALUE_0"] = evil,
            ["GIT_CONFIG_PARAMETERS"] = $"'core.hookspath'='{evil}'",
        });

        Assert.True(push.ExitCode == 0, push.Stderr);
        Assert.False(File.Exists(marker), "the client's core.hooksPath ran its hook on the server side");
        Assert.Equal(["git-receive-pack", "receive"], napd.Requests.Select(r => r.Verb));
    }

    [Fact]
    public async Task When_napd_fails_the_deploy_my_push_is_rejected_and_the_branch_keeps_the_running_revision()
    {
        await GitAsync(work, "-c", "init.defaultBranch=master", "init", "-q");
        var running = await CommitAsync("one");
        Assert.Equal(0, (await PushAsync("nap@host:myapp.git")).ExitCode);
        await CommitAsync("two");
        receiveExitCode = 1;

        var push = await PushAsync("nap@host:/myapp.git");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("remote: -----> build failed: push rejected", push.Stderr);
        Assert.Contains("! [remote rejected] master -> master (pre-receive hook declined)", push.Stderr);
        Assert.Equal(running, await BranchInRepoAsync("myapp"));
    }

    [Fact]
    public async Task When_I_interrupt_my_push_during_the_build_the_hook_hangs_up_on_napd_and_nothing_is_accepted()
    {
        hungUpDuringBuild = new TaskCompletionSource();
        await GitAsync(work, "-c", "init.defaultBranch=master", "init", "-q");
        await CommitAsync("one");
        var info = new ProcessStartInfo("git", ["push", "nap@host:myapp", "master"])
        {
            WorkingDirectory = work, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (key, value) in Env)
            info.Environment[key] = value;
        using var push = Process.Start(info)!;
        while (await push.StandardError.ReadLineAsync() is { } line && !line.Contains("Step 1/2"))
        {
        }

        // Ctrl-C kills the client alone; the server side (here: nap-receive exec'd into git-receive-pack,
        // behind the ssh stand-in) learns of it only by its connection closing, as behind sshd.
        push.Kill();

        // git-receive-pack itself waits on for the hook: the hook sees its connection to the client close.
        await hungUpDuringBuild.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await push.WaitForExitAsync();
        Assert.Null(await BranchInRepoAsync("myapp"));
    }

    [Fact]
    public async Task When_napd_refuses_the_push_I_see_why_and_no_repository_is_created()
    {
        await napd.DisposeAsync();
        napd = FakeNapd.Replying(paths.Socket, r => [NapReply.Err($"{r.Args[0]}: access denied for key {r.Key}"), NapReply.Exit(1)]);
        await GitAsync(work, "-c", "init.defaultBranch=master", "init", "-q");
        await CommitAsync("one");

        var push = await PushAsync("nap@host:theirs");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("theirs: access denied for key alice", push.Stderr);
        Assert.False(Directory.Exists(paths.Repo("theirs")));
    }

    [Fact]
    public async Task A_push_to_an_injected_name_is_refused_before_napd_and_nothing_is_created()
    {
        await GitAsync(work, "-c", "init.defaultBranch=master", "init", "-q");
        await CommitAsync("one");

        var push = await PushAsync("nap@host:a;touch${IFS}pwned");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("nap: 'a;touch${IFS}pwned' is not a valid app name", push.Stderr);
        Assert.Empty(napd.Requests);
        Assert.Empty(Directory.GetFileSystemEntries(paths.DataDir));
        Assert.False(File.Exists(Path.Combine(work, "pwned")));
    }

    [Fact]
    public async Task I_can_fetch_my_app_back_through_upload_pack()
    {
        await GitAsync(work, "-c", "init.defaultBranch=master", "init", "-q");
        var rev = await CommitAsync("one");
        Assert.Equal(0, (await PushAsync("nap@host:myapp")).ExitCode);

        var clone = await GitAsync(dir.Path, "clone", "-q", "nap@host:myapp", "copy");

        Assert.True(clone.ExitCode == 0, clone.Stderr);
        Assert.Equal(rev, (await GitAsync(Path.Combine(dir.Path, "copy"), "rev-parse", "HEAD")).Stdout.Trim());
        var fetch = napd.Requests.Last();
        Assert.Equal(("git-upload-pack", "alice"), (fetch.Verb, fetch.Key));
        Assert.Equal(["myapp"], fetch.Args);
    }

    public async Task DisposeAsync()
    {
        await napd.DisposeAsync();
        dir.Dispose();
    }
}
