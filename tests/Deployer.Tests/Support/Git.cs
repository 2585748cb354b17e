using System.Diagnostics;
using Nap.Deployer.Builds;

namespace Nap.Deployer.Tests.Support;

/// <summary>The real git client, run with an argument list (no shell), for the push specs.</summary>
static class Git
{
    public sealed record Result(int Code, string Out, string Err);

    public static async Task<Result> RunAsync(string dir, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Spec";
        start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "spec@example.com";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = dir;
        foreach (var (name, value) in env ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A work tree with the files committed on master; returns the commit id.</summary>
    public static async Task<string> CommitAsync(string dir, IReadOnlyDictionary<string, string> files)
    {
        if (!Directory.Exists(Path.Combine(dir, ".git")))
            Check(await RunAsync(dir, null, "init", "-q", "-b", "master"));
        foreach (var (name, content) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, name))!);
            File.WriteAllText(Path.Combine(dir, name), content);
        }

        Check(await RunAsync(dir, null, "add", "-A"));
        Check(await RunAsync(dir, null, "commit", "-q", "-m", "spec"));
        return Check(await RunAsync(dir, null, "rev-parse", "HEAD")).Out.Trim();
    }

    public static Result Check(Result result) =>
        result.Code == 0 ? result : throw new InvalidOperationException($"git failed ({result.Code}): {result.Err}");
}
