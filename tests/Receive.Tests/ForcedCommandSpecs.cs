using Nap.Protocol;

namespace Nap.Receive.Tests;

/// <summary>The built nap-receive, run as sshd runs it: `--key NAME` with SSH_ORIGINAL_COMMAND set.</summary>
public sealed class ForcedCommandSpecs : IDisposable
{
    readonly TempDir dir = new();

    Dictionary<string, string?> Env(string? command) => new()
    {
        ["SSH_ORIGINAL_COMMAND"] = command,
        ["NAP_DATA_DIR"] = Path.Combine(dir.Path, "data"),
        ["NAP_RUNTIME_DIR"] = dir.Path,
    };

    string SocketPath => new NapPaths("", "", dir.Path).Socket;

    Task<ProcessRun> RunAsync(string? command, params string[] args) =>
        ProcessRun.StartAsync(NapReceiveBinary.Path, args.Length > 0 ? args : ["--key", "alice"], Env(command));

    [Theory]
    [InlineData(null, "nap: interactive login is not available")]
    [InlineData("bash -i", "nap: unknown command 'bash'")]
    [InlineData("git-receive-pack 'a;id'", "nap: 'a;id' is not a valid app name")]
    [InlineData("git-receive-pack '../x'", "nap: '../x' is not a valid app name")]
    [InlineData("git-receive-pack 'myapp'\nid", "nap: the command contains a control character")]
    [InlineData("git-receive-pack 'nap'", "nap: 'nap' is a reserved name")]
    [InlineData("logs myapp --json", "nap: 'logs' has no --json")]
    public async Task I_am_refused_with_a_one_line_reason_and_the_short_help_and_napd_is_not_asked(string? command, string reason)
    {
        await using var napd = FakeNapd.Replying(SocketPath, _ => [NapReply.Exit(0)]);

        var run = await RunAsync(command);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var lines = run.Stderr.Split('\n');
        Assert.StartsWith(reason, lines[0]);
        Assert.Equal(Verbs.ShortHelp + "\n", string.Join('\n', lines[1..]));
        Assert.Empty(napd.Requests);
    }

    [Fact]
    public async Task I_am_refused_a_10_kB_argument()
    {
        await using var napd = FakeNapd.Replying(SocketPath, _ => [NapReply.Exit(0)]);

        var run = await RunAsync($"git-receive-pack '{new string('a', 10_000)}'");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("nap: the command is longer than 4096 bytes", run.Stderr);
        Assert.Empty(napd.Requests);
    }

    [Fact]
    public async Task A_nap_verb_goes_to_napd_with_my_key_and_I_see_its_output_and_exit_code()
    {
        await using var napd = FakeNapd.Replying(SocketPath, _ => [NapReply.Out("myapp is running"), NapReply.Err("health: slow"), NapReply.Exit(3)]);

        var run = await RunAsync("status 'myapp' --json");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("myapp is running\n", run.Stdout);
        Assert.Equal("health: slow\n", run.Stderr);
        var request = Assert.Single(napd.Requests);
        Assert.Equal(("status", "alice"), (request.Verb, request.Key));
        Assert.Equal(["myapp", "--json"], request.Args);
        Assert.Null(request.GitEnv);
    }

    [Fact]
    public async Task An_admin_key_line_is_accepted_and_napd_decides_what_an_admin_may_do()
    {
        await using var napd = FakeNapd.Replying(SocketPath, _ => [NapReply.Out("myapp"), NapReply.Exit(0)]);

        var run = await RunAsync("apps", "--key", "root-laptop", "--admin");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("root-laptop", Assert.Single(napd.Requests).Key);
    }

    [Fact]
    public async Task When_napd_refuses_a_push_I_see_its_reason_on_stderr_and_its_exit_code()
    {
        await using var napd = FakeNapd.Replying(SocketPath, _ => [NapReply.Out("checking"), NapReply.Err("myapp: access denied for key alice"), NapReply.Exit(4)]);

        var run = await RunAsync("git-receive-pack 'myapp.git'");

        Assert.Equal(4, run.ExitCode);
        // stdout is git's protocol channel: nothing of napd's may land there.
        Assert.Equal("", run.Stdout);
        Assert.Equal("checking\nmyapp: access denied for key alice\n", run.Stderr);
        Assert.Equal(["myapp"], Assert.Single(napd.Requests).Args);
    }

    [Fact]
    public async Task When_napd_is_down_I_get_one_line_that_says_so()
    {
        var run = await RunAsync("apps");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("nap: the nap daemon is not reachable at", run.Stderr);
        Assert.Single(run.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task When_napd_answers_garbage_I_get_one_line_and_no_stack_trace()
    {
        await using var napd = new FakeNapd(SocketPath, async (_, connection) =>
        {
            await connection.SendAsync(NapReply.Out("myapp"));
            await connection.SendRawAsync("{\"kind\": not json");
        });

        var run = await RunAsync("apps");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("myapp\n", run.Stdout);
        Assert.StartsWith("nap: the conversation with the nap daemon broke off (", run.Stderr);
        Assert.Single(run.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task When_napd_hangs_up_mid_answer_I_am_told_so()
    {
        // The fake closes the connection when its handler returns, here without the Exit reply.
        await using var napd = new FakeNapd(SocketPath, (_, connection) => connection.SendAsync(NapReply.Out("half")));

        var run = await RunAsync("apps");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("nap: the nap daemon hung up before finishing", run.Stderr);
    }

    [Theory]
    [InlineData("bad key")]
    [InlineData("-rf")]
    [InlineData("")]
    public async Task A_broken_key_line_is_refused_before_anything_else(string key)
    {
        await using var napd = FakeNapd.Replying(SocketPath, _ => [NapReply.Exit(0)]);

        var run = await RunAsync("apps", "--key", key);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("nap: this key's line in authorized_keys is broken", run.Stderr);
        Assert.Empty(napd.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--key")]
    [InlineData("--key alice --root")]
    [InlineData("hook post-receive")]
    public async Task Other_command_lines_get_the_usage(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var run = await ProcessRun.StartAsync(NapReceiveBinary.Path, args, Env("apps"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("nap-receive: usage:", run.Stderr);
    }

    public void Dispose() => dir.Dispose();
}
