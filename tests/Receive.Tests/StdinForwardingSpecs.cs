using System.Diagnostics;
using Nap.Protocol;

namespace Nap.Receive.Tests;

/// <summary>
/// stdin reaches napd only for a verb that takes input (`certs:add APP < bundle.pem`), at most
/// 64 KiB, in the request's `input` field; every other verb leaves stdin unread.
/// </summary>
public sealed class StdinForwardingSpecs : IDisposable
{
    readonly TempDir dir = new();

    Dictionary<string, string?> Env(string command) => new()
    {
        ["SSH_ORIGINAL_COMMAND"] = command,
        ["NAP_DATA_DIR"] = Path.Combine(dir.Path, "data"),
        ["NAP_RUNTIME_DIR"] = dir.Path,
    };

    string SocketPath => new NapPaths("", "", dir.Path).Socket;

    Task<ProcessRun> RunAsync(string command, string stdin) =>
        ProcessRun.StartAsync(NapReceiveBinary.Path, ["--key", "alice"], Env(command), stdin: stdin);

    [Fact]
    public async Task A_verb_that_takes_input_sends_my_stdin_to_napd_with_the_request()
    {
        await using var napd = FakeNapd.Replying(SocketPath, _ => [NapReply.Out("stored"), NapReply.Exit(0)]);
        const string bundle = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

        var run = await RunAsync("certs:add myapp", bundle);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("stored\n", run.Stdout);
        var request = Assert.Single(napd.Requests);
        Assert.Equal(("certs:add", bundle), (request.Verb, request.Input));
        Assert.Equal(["myapp"], request.Args);
    }

    [Fact]
    public async Task Exactly_64_KiB_of_input_goes_through()
    {
        await using var napd = FakeNapd.Replying(SocketPath, _ => [NapReply.Exit(0)]);
        var input = new string('a', Verbs.MaxInputBytes);

        var run = await RunAsync("certs:add myapp", input);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(input, Assert.Single(napd.Requests).Input);
    }

    [Fact]
    public async Task Input_over_64_KiB_is_refused_in_one_line_and_napd_is_not_asked()
    {
        await using var napd = FakeNapd.Replying(SocketPath, _ => [NapReply.Exit(0)]);

        var run = await RunAsync("certs:add myapp", new string('a', Verbs.MaxInputBytes + 1));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("nap: the input to 'certs:add' is larger than 64 KiB: send only what it needs (certs:add APP < bundle.pem)\n", run.Stderr);
        Assert.Empty(napd.Requests);
    }

    [Fact]
    public async Task Input_that_is_not_text_is_refused_and_napd_is_not_asked()
    {
        await using var napd = FakeNapd.Replying(SocketPath, _ => [NapReply.Exit(0)]);
        var binary = Path.Combine(dir.Path, "bundle.der");
        await File.WriteAllBytesAsync(binary, [0x30, 0x82, 0xff, 0xfe, 0x01]);

        var run = await ProcessRun.StartAsync("sh", ["-c", $"exec \"$0\" --key alice < {binary}", NapReceiveBinary.Path], Env("certs:add myapp"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("nap: the input to 'certs:add' is not text (UTF-8)", run.Stderr);
        Assert.Empty(napd.Requests);
    }

    [Fact]
    public async Task A_verb_without_input_answers_while_my_stdin_stays_open_and_sends_no_input()
    {
        await using var napd = FakeNapd.Replying(SocketPath, _ => [NapReply.Out("myapp"), NapReply.Exit(0)]);
        var info = new ProcessStartInfo(NapReceiveBinary.Path, ["--key", "alice"]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        foreach (var (key, value) in Env("apps"))
            info.Environment[key] = value;

        using var process = Process.Start(info)!;
        // stdin stays open, as an ssh client's does until its user types Ctrl-D: apps must not wait for it.
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal((0, "myapp\n"), (process.ExitCode, stdout));
        Assert.Null(Assert.Single(napd.Requests).Input);
        process.StandardInput.Close();
    }

    [Fact]
    public void The_input_travels_as_an_optional_field_of_the_request_line()
    {
        var plain = Framing.Encode(new NapRequest("apps", [], "alice"));
        var withInput = Framing.Encode(new NapRequest("certs:add", ["web"], "alice").WithInput("PEM\n"));

        Assert.DoesNotContain("input", plain);
        Assert.Contains("\"input\":\"PEM\\n\"", withInput);
        Assert.Equal("PEM\n", Framing.DecodeRequest(withInput)?.Input);
    }

    [Fact]
    public async Task The_stdin_verb_takes_only_its_app_as_argument()
    {
        await using var napd = FakeNapd.Replying(SocketPath, _ => [NapReply.Exit(0)]);

        var run = await RunAsync("certs:add myapp bundle.pem", "x");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("nap: too many arguments for 'certs:add' (at most 1): use certs:add APP < bundle.pem", run.Stderr);
        Assert.Empty(napd.Requests);
    }

    public void Dispose() => dir.Dispose();
}
