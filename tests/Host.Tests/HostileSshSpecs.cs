using System.Text;
using CliWrap;

namespace Nap.Host.Tests;

/// <summary>
/// Issue 7, hostile ssh: a nap key gets the forced command and nothing else — no terminal, no
/// forwarding of any kind, no file copy — and a key that is gone is gone, even on an open connection.
/// </summary>
[Collection(NapHostCollection.Name)]
public sealed class HostileSshSpecs(NapHost host)
{
    [Fact]
    public async Task A_terminal_request_is_refused_and_no_shell_runs()
    {
        var before = await host.SnapshotAsync();

        var result = await host.Ssh(host.TestKey, ["-tt", "-o", "LogLevel=INFO"], "bash -i");

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("PTY allocation request failed", result.Output);
        Assert.DoesNotContain("uid=", result.Output);
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Fact]
    public async Task A_socks_proxy_through_the_host_is_refused()
    {
        var port = LocalPorts.Free();
        var stderr = new StringBuilder();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ssh = Background(["-N", "-o", "LogLevel=INFO", "-D", $"127.0.0.1:{port}"], stderr, stop.Token);

        var curl = await CurlThroughSocksAsync(port);
        await WaitForAsync(() => stderr.ToString().Contains("administratively prohibited"));
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ssh);

        Assert.NotEqual(0, curl.ExitCode);
        Assert.DoesNotContain("nginx", curl.Stdout);
        Assert.Contains("administratively prohibited", stderr.ToString());
    }

    [Fact]
    public async Task A_remote_forward_opens_no_port_on_the_host()
    {
        var listening = await host.Exec("ss", "-Hltn");

        var result = await host.Ssh(host.TestKey, ["-N", "-o", "ExitOnForwardFailure=yes", "-R", "127.0.0.1:4444:127.0.0.1:22"]);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("remote port forwarding failed for listen port 4444", result.Stderr);
        Assert.Equal(listening.Stdout, (await host.Exec("ss", "-Hltn")).Stdout);
    }

    [Fact]
    public async Task X11_forwarding_is_refused()
    {
        var result = await Run.Async("ssh", ["-X", "-o", "LogLevel=INFO", .. host.SshOptions(host.TestKey), $"nap@{host.Ip}", "help"],
            "", env: new Dictionary<string, string> { ["DISPLAY"] = "127.0.0.1:42" });

        Assert.Contains("X11 forwarding request failed", result.Stderr);
        Assert.Contains("Usage: git push nap@HOST:APP master", result.Stdout);
        Assert.Equal(0, (await host.Exec("sh", "-c", "! ss -Hltn | grep -q ':60[0-9][0-9] '")).ExitCode);
    }

    [Fact]
    public async Task Agent_forwarding_gives_the_session_no_agent_socket_on_the_host()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        (await app.PushAsync("hostile-agent", refspec: "master:refs/heads/side")).EnsureSuccess("push to a side branch");
        var agentDir = Directory.CreateTempSubdirectory("nap-agent-").FullName;
        var socket = Path.Combine(agentDir, "agent.sock");
        var agent = await Run.Async("ssh-agent", ["-a", socket]);
        try
        {
            (await Run.Async("ssh-add", [host.TestKey.PrivateKeyPath], env: new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = socket })).EnsureSuccess("ssh-add");
            // git-upload-pack waits for the client's wants: the session stays open while stdin does.
            var ssh = string.Join(' ', new[] { "ssh", "-A", "-o", $"IdentityAgent={socket}" }.Concat(host.SshOptions(host.TestKey)));
            // stdin stays open until the checks are done (or 60 s), however slowly ssh connects.
            var done = Path.Combine(agentDir, "done");
            var session = Run.Async("bash", ["-c", $"for i in $(seq 300); do [ -e {done} ] && break; sleep 0.2; done | {ssh} nap@{host.Ip} \"git-upload-pack 'hostile-agent'\""]);

            var serving = await WaitForHostAsync("pgrep -u nap -f 'git-upload-pack /var/lib/nap/repos/hostile-agent.git'");
            var sockets = await host.Exec("sh", "-c", "find /tmp -name 'agent.*' 2>/dev/null; grep -l SSH_AUTH_SOCK /proc/$(pgrep -u nap -f git-upload-pack | head -n1)/environ 2>/dev/null || true");
            await File.WriteAllTextAsync(done, "");
            await session;

            Assert.True(serving, "git-upload-pack never ran for the session");
            Assert.Equal("", sockets.Stdout.Trim());
        }
        finally
        {
            await Run.Async("kill", [agent.Stdout.Split("SSH_AGENT_PID=")[1].Split(';')[0]]);
            Directory.Delete(agentDir, recursive: true);
        }
    }

    [Fact]
    public async Task Scp_in_its_classic_mode_is_an_unknown_command_and_writes_no_file()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "payload\n");

        var scp = await Run.Async("scp", ["-O", .. host.SshOptions(host.TestKey), file, $"nap@{host.Ip}:/tmp/hostile-scp"]);

        File.Delete(file);
        Assert.NotEqual(0, scp.ExitCode);
        Assert.Contains("unknown command 'scp'", scp.Stderr);
        Assert.Equal(1, (await host.Exec("test", "-e", "/tmp/hostile-scp")).ExitCode);
        Assert.Equal(1, (await host.Exec("test", "-e", "/var/lib/nap/hostile-scp")).ExitCode);
    }

    [Fact]
    public async Task Scp_over_sftp_is_refused_and_writes_no_file()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "payload\n");

        var scp = await Run.Async("scp", [.. host.SshOptions(host.TestKey), file, $"nap@{host.Ip}:/tmp/hostile-scp2"]);

        File.Delete(file);
        Assert.NotEqual(0, scp.ExitCode);
        Assert.Contains("Connection closed", scp.Stderr);
        Assert.Equal(1, (await host.Exec("test", "-e", "/tmp/hostile-scp2")).ExitCode);
    }

    [Fact]
    public async Task The_sftp_subsystem_is_refused_and_lists_nothing()
    {
        var sftp = await Run.Async("sftp", ["-b", "-", .. host.SshOptions(host.TestKey), $"nap@{host.Ip}"], "ls /var/lib/nap\nget /etc/nap/authorized_keys\n");

        Assert.NotEqual(0, sftp.ExitCode);
        Assert.Contains("Connection closed", sftp.Stderr);
        Assert.DoesNotContain("repos", sftp.Stdout);
        Assert.DoesNotContain("ssh-ed25519", sftp.Output);
    }

    [Fact]
    public async Task A_subsystem_request_gets_only_the_forced_command_which_refuses_it()
    {
        var before = await host.SnapshotAsync();

        var result = await host.Ssh(host.TestKey, ["-s"], "sftp", stdin: "ls\n");

        // sshd drops a subsystem's stderr, so the refusal is the forced command's exit status and an empty reply.
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Fact]
    public async Task A_key_not_on_the_host_is_refused_before_the_forced_command()
    {
        var stranger = await host.NewKeyAsync("hostile-stranger");
        var before = await host.SnapshotAsync();

        var result = await host.Ssh(stranger, [], "git-receive-pack 'hostile-stranger'");

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.Stderr);
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Fact]
    public async Task A_key_removed_while_connected_can_run_nothing_more_on_its_open_connection()
    {
        var leaver = await host.AddKeyAsync("hostile-leaver");
        var control = Path.Combine(Directory.CreateTempSubdirectory("nap-ctl-").FullName, "ctl");
        string[] mux = ["-o", $"ControlPath={control}"];
        var master = await host.Ssh(leaver, ["-f", "-N", "-M", .. mux]);
        Assert.True(master.ExitCode == 0, master.ToString());
        try
        {
            Assert.Equal(0, (await host.Ssh(leaver, mux, "help")).ExitCode);
            (await host.Exec("nap", "keys", "remove", "hostile-leaver")).EnsureSuccess("nap keys remove");
            var before = await host.SnapshotAsync();

            var onOpen = await host.Ssh(leaver, mux, "git-receive-pack 'hostile-leaver'");
            var fresh = await host.Ssh(leaver, ["-o", "ControlPath=none"], "help");

            Assert.Equal(1, onOpen.ExitCode);
            Assert.Contains("napd: no key named 'hostile-leaver' in /etc/nap/authorized_keys", onOpen.Stderr);
            Assert.Equal(255, fresh.ExitCode);
            Assert.Contains("Permission denied (publickey)", fresh.Stderr);
            Assert.Equal(before, await host.SnapshotAsync());
            await host.AssertNoTraceOfAsync("hostile-leaver");
        }
        finally
        {
            await host.Ssh(leaver, ["-O", "exit", .. mux]);
        }
    }

    Task<CommandResult> Background(string[] options, StringBuilder stderr, CancellationToken ct) =>
        Cli.Wrap("ssh")
            .WithArguments([.. options, .. host.SshOptions(host.TestKey), $"nap@{host.Ip}"])
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(ct);

    static async Task<ExecResult> CurlThroughSocksAsync(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            var curl = await Run.Async("curl", ["-sS", "--max-time", "10", "--socks5-hostname", $"127.0.0.1:{port}", "http://127.0.0.1:80/"]);
            // 7: ssh does not listen yet.
            if (curl.ExitCode != 7 || attempt > 50)
                return curl;
            await Task.Delay(200);
        }
    }

    async Task<bool> WaitForHostAsync(string check)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await host.Exec("sh", "-c", check)).ExitCode == 0)
                return true;
            await Task.Delay(100);
        }
        return false;
    }

    static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
            await Task.Delay(100);
    }
}
