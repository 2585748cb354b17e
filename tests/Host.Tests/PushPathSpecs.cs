using System.Security.Cryptography;

namespace Nap.Host.Tests;

/// <summary>
/// What a push costs the host besides the build: napd asks systemd over D-Bus, keeps systemd's notification
/// socket to itself, and checks out within its unit's memory limit.
/// </summary>
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

    [Fact]
    public async Task A_file_bigger_than_napds_memory_limit_is_checked_out_streamed_and_the_push_deploys()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await File.WriteAllBytesAsync(app.File("big.bin"), RandomNumberGenerator.GetBytes(128 << 20));
        await File.WriteAllTextAsync(app.File(".dockerignore"), "big.bin\n");
        await app.CommitAsync("a 128 MB file git cannot compress");
        var limit = (await host.Exec("systemctl", "show", "-P", "MemoryMax", "napd")).Stdout.Trim();
        Assert.NotEqual("infinity", limit);
        // A lower limit than the unit's, so the file is cheap to make: bigger than the whole limit, it cannot
        // be held in memory at once (git archive did that, was killed with exit 137 and the push rejected).
        (await host.Exec("systemctl", "set-property", "--runtime", "napd", "MemoryMax=96M")).EnsureSuccess("lowering napd's MemoryMax");
        try
        {
            var push = await app.PushAsync("bigfile");

            Assert.True(push.ExitCode == 0, push.ToString());
            Assert.Contains("deployed:", push.Output);
        }
        finally
        {
            (await host.Exec("systemctl", "set-property", "--runtime", "napd", $"MemoryMax={limit}")).EnsureSuccess("restoring napd's MemoryMax");
        }
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
