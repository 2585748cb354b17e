namespace Nap.Host.Tests;

/// <summary>What a push costs the host besides the build: napd asks systemd over D-Bus, and keeps systemd's notification socket to itself.</summary>
[Collection(NapHostCollection.Name)]
public sealed class PushPathSpecs(NapHost host)
{
    // A wrapper in systemctl's place logs who ran it (the parent's name) before running the real one.
    const string Wrapper = """
        #!/bin/sh
        echo "$(cat /proc/$PPID/comm) $*" >> /run/systemctl-calls
        exec /usr/bin/systemctl.nap-real "$@"
        """;

    [Fact]
    public async Task A_push_a_second_release_and_its_retirement_run_no_systemctl_process()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await WrapSystemctlAsync();
        try
        {
            Assert.Contains("deployed:", (await app.PushAsync("nosystemctl")).Output);
            await File.AppendAllTextAsync(app.File("www/index.html"), "<p>two</p>\n");
            await app.CommitAsync("two");
            Assert.Contains("deployed:", (await app.PushAsync("nosystemctl")).Output);
            // status waits for nothing, but a rollback waits for the last release's retirement (enable, reload, drain, stop).
            Assert.Contains("deployed:", (await host.Ssh("rollback nosystemctl")).Output);
            (await host.Exec("systemctl", "is-system-running")).EnsureSuccess("a call through the wrapper");
        }
        finally
        {
            await UnwrapSystemctlAsync();
        }

        var calls = (await host.Exec("cat", "/run/systemctl-calls")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(calls, c => c.EndsWith(" is-system-running", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, c => c.StartsWith("napd ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Napd_children_send_systemd_no_notifications_it_would_refuse()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var since = (await host.Exec("date", "+%Y-%m-%d %H:%M:%S")).Stdout.Trim();

        Assert.Contains("deployed:", (await app.PushAsync("quietnotify")).Output);
        Assert.Contains("deployed:", (await host.Ssh("restart quietnotify")).Output);
        // The retirement after the answer (enable, disable, reload) spawned the children that notified:
        // `stop` waits for it to finish.
        Assert.Contains("stopped", (await host.Ssh("stop quietnotify")).Output);

        var journal = await host.Exec("journalctl", "--no-pager", "-u", "napd", "--since", since);
        Assert.DoesNotContain("reception only permitted for main PID", journal.Stdout);
        Assert.Equal("active", (await host.Exec("systemctl", "is-active", "napd")).Stdout.Trim());
    }

    async Task WrapSystemctlAsync()
    {
        (await host.Exec("sh", "-c", "rm -f /run/systemctl-calls && cp -p /usr/bin/systemctl /usr/bin/systemctl.nap-real")).EnsureSuccess("copying systemctl");
        (await host.ExecWithInput(Wrapper + "\n", "sh", "-c", "cat > /usr/bin/systemctl.nap-wrapper && chmod 755 /usr/bin/systemctl.nap-wrapper && mv /usr/bin/systemctl.nap-wrapper /usr/bin/systemctl"))
            .EnsureSuccess("wrapping systemctl");
    }

    Task UnwrapSystemctlAsync() =>
        host.Exec("mv", "/usr/bin/systemctl.nap-real", "/usr/bin/systemctl").ContinueWith(t => t.Result.EnsureSuccess("restoring systemctl"));
}
