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
}
