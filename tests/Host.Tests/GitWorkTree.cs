namespace Nap.Host.Tests;

/// <summary>
/// A developer's checkout on the test machine: a copy of an app folder (e.g. examples/hello)
/// committed with real git, pushed with real ssh to a <see cref="NapHost"/>.
/// </summary>
public sealed record GitWorkTree(string Path, NapHost Host) : IDisposable
{
    /// <summary>Copies <paramref name="source"/> (a folder, or the name of one under examples/) into a new repo on master.</summary>
    public static async Task<GitWorkTree> CreateAsync(NapHost host, string source)
    {
        var from = Directory.Exists(source) ? source : System.IO.Path.Combine(RepoLayout.Examples, source);
        if (!Directory.Exists(from))
            throw new DirectoryNotFoundException($"no app folder '{source}' (nor {from})");
        var path = Directory.CreateTempSubdirectory("nap-app-").FullName;
        (await Run.Async("cp", ["-a", from + "/.", path])).EnsureSuccess("copying " + from);
        var tree = new GitWorkTree(path, host);
        await tree.GitAsync("init", "-q", "-b", "master");
        await tree.CommitAsync("first");
        return tree;
    }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Commits everything in the folder (allowing an empty commit, for "same tree, new revision").</summary>
    public async Task CommitAsync(string message)
    {
        await GitAsync("add", "-A");
        await GitAsync("commit", "-q", "--allow-empty", "-m", message);
    }

    public async Task<string> HeadAsync() => (await GitAsync("rev-parse", "HEAD")).Stdout.Trim();

    /// <summary>`git push [OPTIONS] nap@IP:APP REFSPEC` with the test key or <paramref name="key"/>; does not throw: assert on the result.</summary>
    public Task<ExecResult> PushAsync(string app, SshKey? key = null, string refspec = "master", params string[] options) =>
        Run.Async("git", ["push", .. options, $"nap@{Host.Ip}:{app}", refspec],
            env: Host.GitEnvironmentFor(key ?? Host.TestKey), workingDirectory: Path, timeout: TimeSpan.FromMinutes(15));

    /// <summary>Runs git in the work tree and throws when it fails.</summary>
    public async Task<ExecResult> GitAsync(params string[] args) =>
        (await Run.Async("git", args, env: Host.GitEnvironment, workingDirectory: Path)).EnsureSuccess("git " + string.Join(' ', args));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
