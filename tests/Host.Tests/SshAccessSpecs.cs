namespace Nap.Host.Tests;

[Collection(NapHostCollection.Name)]
public sealed class SshAccessSpecs(NapHost host)
{
    [Fact]
    public async Task I_cannot_get_a_shell_with_a_pushing_key()
    {
        var result = await host.Ssh(host.TestKey, [], "echo shell-$((6*7)); id");

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("shell-42", result.Output);
        Assert.DoesNotContain("uid=", result.Output);
    }

    [Fact]
    public async Task I_cannot_start_bash_and_am_told_what_I_can_do()
    {
        var result = await host.Ssh("bash");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("git push nap@", result.Stderr);
    }

    [Fact]
    public async Task I_get_no_terminal_even_when_I_insist()
    {
        var result = await host.Ssh(host.TestKey, ["-tt"], "id");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("PTY allocation request failed", result.Output);
        Assert.DoesNotContain("uid=", result.Output);
    }

    [Fact]
    public async Task I_cannot_forward_a_port_to_the_host()
    {
        // -W opens the same direct-tcpip channel as -L, but at once, so the refusal is immediate.
        var result = await host.Ssh(host.TestKey, ["-o", "LogLevel=INFO", "-W", "127.0.0.1:80"]);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("administratively prohibited", result.Stderr);
    }

    [Fact]
    public async Task I_cannot_tunnel_to_the_host_with_a_local_forward()
    {
        var port = LocalPorts.Free();
        var stderr = new System.Text.StringBuilder();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ssh = CliWrap.Cli.Wrap("ssh")
            .WithArguments(["-N", "-o", "LogLevel=INFO", "-L", $"127.0.0.1:{port}:127.0.0.1:80", .. host.SshOptions(host.TestKey), $"nap@{host.Ip}"])
            .WithStandardErrorPipe(CliWrap.PipeTarget.ToStringBuilder(stderr))
            .WithValidation(CliWrap.CommandResultValidation.None)
            .ExecuteAsync(stop.Token);

        var received = await ThroughTunnel(port);
        await WaitFor(() => stderr.ToString().Contains("administratively prohibited"));
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ssh);

        Assert.Equal("", received);
        Assert.Contains("open failed: administratively prohibited", stderr.ToString());
    }

    [Fact]
    public async Task I_cannot_forward_a_port_from_the_host()
    {
        var result = await host.Ssh(host.TestKey, ["-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:22"]);

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("remote port forwarding failed", result.Stderr);
    }

    [Fact]
    public async Task A_key_that_is_not_registered_is_refused()
    {
        var stranger = await host.NewKeyAsync("stranger");

        var result = await host.Ssh(stranger, [], "help");

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.Stderr);
    }

    [Fact]
    public async Task A_removed_key_is_refused()
    {
        var leaver = await host.AddKeyAsync("leaver");
        (await host.Exec("nap", "keys", "remove", "leaver")).EnsureSuccess("nap keys remove");

        var result = await host.Ssh(leaver, [], "help");

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.Stderr);
    }

    [Fact]
    public async Task My_push_reaches_git_on_the_host_and_the_repo_belongs_to_nap()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");

        await app.PushAsync("reach-check");

        var repo = await host.Exec("stat", "-c", "%U:%G", "/var/lib/nap/repos/reach-check.git/HEAD");
        Assert.Equal("nap:nap", repo.Stdout.Trim());
    }

    [Fact]
    public async Task The_registered_keys_are_listed_on_the_host()
    {
        var list = await host.Exec("nap", "keys", "list");

        Assert.Matches(@"(?m)^tester\s+-\s+SHA256:\S+ ssh-ed25519$", list.Stdout);
    }

    /// <summary>Connects to the local end of the tunnel once ssh listens, sends a request, returns what came back.</summary>
    static async Task<string> ThroughTunnel(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        for (var attempt = 0; !client.Connected; attempt++)
        {
            try
            {
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
        try
        {
            var stream = client.GetStream();
            await stream.WriteAsync("GET / HTTP/1.0\r\n\r\n"u8.ToArray());
            using var reader = new StreamReader(stream);
            return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (IOException)
        {
            // ssh drops the local connection when the server refuses the channel.
            return "";
        }
    }

    static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
            await Task.Delay(100);
    }
}
