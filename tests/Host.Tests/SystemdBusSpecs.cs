using Nap.Deployer.Systemd;

namespace Nap.Host.Tests;

/// <summary>
/// napd's D-Bus adapter against the host's real systemd: the test process joins the host's system bus through
/// /proc/PID/root (the same root uid, so D-Bus's EXTERNAL authentication admits it) and drives units of its own.
/// </summary>
[Collection(NapHostCollection.Name)]
public sealed partial class SystemdBusSpecs(NapHost host) : IAsyncLifetime
{
    const string Oneshot = "nap-bus-oneshot.service";
    const string Failing = "nap-bus-failing.service";
    const string Sleeper = "nap-bus-sleeper.service";

    SystemdBus bus = null!;

    public async Task InitializeAsync()
    {
        await WriteUnitAsync(Oneshot, "[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n");
        await WriteUnitAsync(Failing, "[Service]\nType=oneshot\nExecStart=/bin/sh -c 'exit 3'\n");
        await WriteUnitAsync(Sleeper, "[Service]\nExecStart=/bin/sleep 600\n");
        (await host.Exec("systemctl", "daemon-reload")).EnsureSuccess("daemon-reload");
        var pid = (await Run.Async("docker", ["inspect", "-f", "{{.State.Pid}}", host.ContainerId])).EnsureSuccess("docker inspect").Stdout.Trim();
        bus = new SystemdBus($"unix:path=/proc/{pid}/root/run/dbus/system_bus_socket");
    }

    Task WriteUnitAsync(string name, string text) =>
        host.ExecWithInput(text, "sh", "-c", $"cat > /etc/systemd/system/{name}").ContinueWith(t => t.Result.EnsureSuccess("writing " + name));

    async Task<string> SystemctlAsync(params string[] args) => (await host.Exec(["systemctl", .. args])).Stdout.Trim();

    [Fact]
    public async Task Starting_a_unit_returns_once_its_job_is_done_and_stopping_it_once_it_stopped()
    {
        await bus.StartAsync(Sleeper, default);
        var running = await bus.StateAsync(Sleeper, default);

        Assert.Equal(("active", "running", true), (running.ActiveState, running.SubState, running.IsRunning));
        Assert.Equal((await SystemctlAsync("show", "-p", "MainPID", "--value", Sleeper)), running.MainPid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(running.MainPid > 1);

        await bus.StopAsync(Sleeper, default);

        Assert.Equal("inactive", await SystemctlAsync("is-active", Sleeper));
        Assert.Equal("inactive", (await bus.StateAsync(Sleeper, default)).ActiveState);
    }

    [Fact]
    public async Task A_unit_that_fails_to_start_throws_with_its_result_and_exit_status_and_reset_failed_clears_it()
    {
        var error = await Assert.ThrowsAsync<SystemdException>(() => bus.StartAsync(Failing, default));

        Assert.Equal($"{Failing} failed (exit-code, exit status 3): journalctl -u {Failing} has its log", error.Message);
        var failed = await bus.StateAsync(Failing, default);
        Assert.Equal(("failed", "exit-code", 3), (failed.ActiveState, failed.Result, failed.ExecMainStatus));

        await bus.ResetFailedAsync(Failing, default);

        Assert.Equal("inactive", await SystemctlAsync("is-active", Failing));
    }

    [Fact]
    public async Task Enable_and_disable_change_the_install_symlinks_without_a_reload()
    {
        await bus.EnableAsync(Oneshot, default);
        Assert.Equal("enabled", await SystemctlAsync("is-enabled", Oneshot));

        await bus.DisableAsync(Oneshot, default);
        Assert.Equal("disabled", await SystemctlAsync("is-enabled", Oneshot));
        // Disabling what is not enabled is no error, as with systemctl.
        await bus.DisableAsync(Oneshot, default);
    }

    [Fact]
    public async Task A_changed_unit_file_is_reported_until_systemd_reloads()
    {
        await bus.StartAsync(Oneshot, default);
        await WriteUnitAsync(Oneshot, "[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/echo changed\n[Install]\nWantedBy=multi-user.target\n");

        Assert.Equal([Oneshot], await bus.ChangedOnDiskAsync(["nap-bus-*.service"], default));
        Assert.True((await bus.StateAsync(Oneshot, default)).NeedDaemonReload);

        await bus.ReloadAsync(default);

        Assert.Empty(await bus.ChangedOnDiskAsync(["nap-bus-*.service"], default));
        Assert.Equal("no", await SystemctlAsync("show", "-p", "NeedDaemonReload", "--value", Oneshot));
        await bus.StopAsync(Oneshot, default);
    }

    [Fact]
    public async Task A_unit_systemd_never_loaded_is_inactive_and_cannot_be_stopped()
    {
        Assert.Equal(UnitState.NotLoaded, await bus.StateAsync("nap-bus-absent.service", default));
        Assert.Empty(await bus.ChangedOnDiskAsync(["nap-bus-absent.service"], default));

        var error = await Assert.ThrowsAsync<SystemdException>(() => bus.StopAsync("nap-bus-absent.service", default));
        Assert.Equal(SystemdException.NoSuchUnit, error.ErrorName);
    }

    [Fact]
    public async Task A_crash_looping_unit_reads_as_systemctl_shows_it_restarts_result_and_status_in_one_call()
    {
        const string Crashing = "nap-bus-crashing.service";
        await WriteUnitAsync(Crashing, "[Unit]\nStartLimitBurst=3\nStartLimitIntervalSec=60\n[Service]\nExecStart=/bin/sh -c 'exit 7'\nRestart=always\nRestartSec=100ms\n");
        await bus.ReloadAsync(default);

        await bus.StartAsync(Crashing, default);
        var state = await EventuallyAsync(() => bus.StateAsync(Crashing, default), s => s.ActiveState == "failed");

        var shown = (await SystemctlAsync("show", "-p", "ActiveState,SubState,Result,NRestarts,ExecMainStatus,MainPID", Crashing))
            .Split('\n').Select(l => l.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        Assert.Equal(
            (shown["ActiveState"], shown["SubState"], shown["Result"], shown["NRestarts"], shown["ExecMainStatus"], shown["MainPID"]),
            (state.ActiveState, state.SubState, state.Result, $"{state.Restarts}", $"{state.ExecMainStatus}", $"{state.MainPid}"));
        Assert.True(state.Restarts >= 2, $"{state.Restarts} restarts");
        Assert.Equal(7, state.ExecMainStatus);
        await bus.ResetFailedAsync(Crashing, default);
    }

    [Theory]
    [InlineData(3, "", "auto-restart", "its container exited with status 3")]
    [InlineData(125, "", "auto-restart", null)]
    [InlineData(127, "ExecStopPost=/bin/sleep 30\n", "stop-post", "its container exited with status 127 (its command was not found in the image)")]
    [InlineData(125, "ExecStopPost=/bin/sleep 30\n", "stop-post", null)]
    public async Task A_unit_whose_process_exited_reads_as_an_ended_instance_while_it_cleans_up_or_waits_to_restart_unless_docker_run_failed(
        int status, string cleanup, string subState, string? ended)
    {
        var unit = $"nap-bus-exited-{status}-{subState}.service";
        await WriteUnitAsync(unit, $"[Service]\nExecStart=/bin/sh -c 'exit {status}'\n{cleanup}Restart=always\nRestartSec=60s\n");
        await bus.ReloadAsync(default);

        await bus.StartAsync(unit, default);
        var state = await EventuallyAsync(() => bus.StateAsync(unit, default), s => s.SubState.StartsWith(subState, StringComparison.Ordinal));

        Assert.StartsWith(subState, state.SubState);
        Assert.Equal((0, status), (state.MainPid, state.ExecMainStatus));
        Assert.Equal(ended, Nap.Deployer.Instances.InstanceEnd.Of(state));
    }

    [Fact]
    public async Task Reloads_asked_for_together_are_served_by_one_more_than_the_one_running_not_one_each()
    {
        var since = (await host.Exec("date", "+%s")).EnsureSuccess("date").Stdout.Trim();
        await Task.Delay(TimeSpan.FromSeconds(1.1));

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => bus.ReloadAsync(default)));

        // Each reload systemd runs logs one line as it begins. napd on this host may reload once of its own in the
        // meantime (a deploy's enablement after its answer); six each would be six or more.
        var log = (await host.Exec("journalctl", "_PID=1", "--since", "@" + since, "-o", "cat", "--no-pager")).EnsureSuccess("journalctl").Stdout;
        var reloads = log.Split('\n').Count(line => ReloadBegins().IsMatch(line));
        Assert.True(reloads is >= 1 and <= 3, $"{reloads} reloads:\n{log}");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Reloading(\.| requested from client PID)")]
    private static partial System.Text.RegularExpressions.Regex ReloadBegins();

    static async Task<UnitState> EventuallyAsync(Func<Task<UnitState>> read, Func<UnitState, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        var state = await read();
        while (!done(state) && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
            state = await read();
        }
        return state;
    }

    public async Task DisposeAsync()
    {
        bus.Dispose();
        await host.Exec("sh", "-c", "systemctl stop 'nap-bus-*' ; rm -f /etc/systemd/system/nap-bus-*.service; systemctl daemon-reload; systemctl reset-failed 'nap-bus-*'");
    }
}
