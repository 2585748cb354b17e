using Nap.Protocol;

namespace Nap.Receive.Tests;

/// <summary>The built nap-receive as git's pre-receive hook, against a fake napd (the real one is written in parallel).</summary>
public sealed class PreReceiveHookSpecs : IDisposable
{
    const string RefLine = "1111111111111111111111111111111111111111 2222222222222222222222222222222222222222 refs/heads/master";

    readonly TempDir dir = new();

    string SocketPath => new NapPaths("", "", dir.Path).Socket;

    Dictionary<string, string?> Env(string? app = "myapp", string? key = "alice") => new()
    {
        ["NAP_APP"] = app,
        ["NAP_KEY"] = key,
        ["NAP_RUNTIME_DIR"] = dir.Path,
        ["GIT_DIR"] = ".",
        ["GIT_QUARANTINE_PATH"] = "/repos/myapp.git/./objects/incoming-x",
        ["GIT_OBJECT_DIRECTORY"] = "objects/incoming-x",
        ["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = "/repos/myapp.git/./objects:/shared/objects",
    };

    [Fact]
    public async Task The_hook_sends_every_ref_line_with_git_s_object_environment_made_absolute_and_exits_with_napd_s_code()
    {
        await using var napd = FakeNapd.Replying(SocketPath, _ => [NapReply.Out("-----> Building"), NapReply.Err("failed"), NapReply.Exit(5)]);
        var tag = RefLine.Replace("refs/heads/master", "refs/tags/v1");

        var run = await ProcessRun.StartAsync(NapReceiveBinary.Path, ["hook", "pre-receive"], Env(), dir.Path, $"{RefLine}\n{tag}\n");

        Assert.Equal(5, run.ExitCode);
        Assert.Equal("-----> Building\n", run.Stdout);
        Assert.Equal("failed\n", run.Stderr);
        var request = Assert.Single(napd.Requests);
        Assert.Equal(("receive", "alice"), (request.Verb, request.Key));
        Assert.Equal(["myapp", RefLine, tag], request.Args);
        Assert.Equal(new Dictionary<string, string>
        {
            ["GIT_QUARANTINE_PATH"] = "/repos/myapp.git/objects/incoming-x",
            ["GIT_OBJECT_DIRECTORY"] = Path.Combine(dir.Path, "objects/incoming-x"),
            ["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = "/repos/myapp.git/objects:/shared/objects",
        }, request.GitEnv);
    }

    [Theory]
    [InlineData(null, "alice")]
    [InlineData("myapp", null)]
    [InlineData("../x", "alice")]
    public async Task A_push_that_did_not_come_through_nap_receive_is_declined(string? app, string? key)
    {
        await using var napd = FakeNapd.Replying(SocketPath, _ => [NapReply.Exit(0)]);

        var run = await ProcessRun.StartAsync(NapReceiveBinary.Path, ["hook", "pre-receive"], Env(app, key), stdin: RefLine + "\n");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("nap: this repository is managed by nap and takes pushes only over ssh", run.Stderr);
        Assert.Empty(napd.Requests);
    }

    public void Dispose() => dir.Dispose();
}
