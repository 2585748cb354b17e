namespace Nap.Host.Tests;

/// <summary>
/// napd SIGKILLed while it starts a release of an image it already has (rollback, config:set) and while the
/// replaced release drains. napd's restart alone must leave one release serving, status true and no other
/// instance running (no push needed to clean up); then the app takes changes again.
/// </summary>
public sealed partial class FaultNapdSpecs
{
    /// <summary>The next release of <paramref name="app"/> waits DELAY seconds before it listens: it sits in the health gate.</summary>
    Task DelayNextStartAsync(string app) =>
        host.Exec("sh", "-c", $"echo DELAY=25 >> /var/lib/nap/apps/{app}/env");

    Task NoDelayAsync(string app) =>
        host.Exec("sed", "-i", "/^DELAY=/d", $"/var/lib/nap/apps/{app}/env");

    /// <summary>The request napd was killed in told its person so; napd's restart left only <paramref name="release"/>, serving.</summary>
    async Task AssertCutAsync(ExecResult answer, string app, int release, string url, string page)
    {
        Assert.NotEqual(0, answer.ExitCode);
        Assert.Contains("the nap daemon hung up before finishing", answer.Output);
        await host.AssertOnlyReleaseAsync(app, release, url);
        await FaultHost.ServesAsync(url, page);
    }

    [Fact]
    public async Task Napd_killed_during_a_rollback_leaves_the_current_release_alone_and_the_app_takes_a_push()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await app.DockerfileAsync(FaultHost.DelayedStart, "start after DELAY");
        await app.DeployAsync("fkroll");
        await app.ChangePageAsync("the second release");
        var (url, second) = await app.DeployAsync("fkroll", "the second release");
        var refs = await host.RefsAsync("fkroll");
        await DelayNextStartAsync("fkroll");

        var rolling = host.Ssh("rollback fkroll");
        await host.WaitForContainerAsync("fkroll", second + 1);
        await host.KillNapdAsync();
        var rollback = await rolling;

        await AssertCutAsync(rollback, "fkroll", second, url, "the second release");
        Assert.Contains("interrupted: napd stopped during this deploy", (await host.Ssh("releases fkroll")).Output);
        Assert.Equal(refs, await host.RefsAsync("fkroll"));

        await NoDelayAsync("fkroll");
        await app.RepushServesAsync("fkroll", "after the rollback was cut", url);
    }

    [Fact]
    public async Task Napd_killed_during_a_config_set_release_keeps_the_earlier_release_serving_and_the_value_stored()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await app.DockerfileAsync(FaultHost.DelayedStart, "start after DELAY");
        var (url, first) = await app.DeployAsync("fkconfig");

        var setting = host.Ssh("config:set fkconfig DELAY=25");
        await host.WaitForContainerAsync("fkconfig", first + 1);
        await host.KillNapdAsync();
        var set = await setting;

        await AssertCutAsync(set, "fkconfig", first, url, "Hello from nap");
        // Stored before its release started, as when that release fails its health check: the next release applies it.
        Assert.Contains("DELAY=25", (await host.Ssh("config fkconfig")).Output);

        var unset = await host.Ssh("config:unset fkconfig DELAY");
        Assert.True(unset.ExitCode == 0, unset.ToString());
        await app.RepushServesAsync("fkconfig", "after the config change was cut", url);
    }

    async Task SetDrainAsync(int seconds) =>
        (await host.Exec("sed", "-i", $"s/\"drainSeconds\": *[0-9]*/\"drainSeconds\": {seconds}/", "/etc/nap/napd.json")).EnsureSuccess("drainSeconds in napd.json");

    [Fact]
    public async Task Napd_killed_while_the_replaced_release_drains_stops_it_on_restart_and_the_new_one_serves()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, first) = await app.DeployAsync("fkdrain");
        // A long drain, so the kill lands while both releases run; napd reads it at its start.
        await SetDrainAsync(120);
        int second;
        try
        {
            await host.RestartNapdAsync();
            await app.ChangePageAsync("the new release");
            (_, second) = await app.DeployAsync("fkdrain", "the new release");
            Assert.Equal("active", (await host.Exec("systemctl", "is-active", $"nap-fkdrain@{first}.service")).Stdout.Trim());
        }
        catch
        {
            await SetDrainAsync(2);
            await host.RestartNapdAsync();
            throw;
        }
        // The napd that the kill restarts drains as usual again.
        await SetDrainAsync(2);

        await host.KillNapdAsync();

        await host.AssertOnlyReleaseAsync("fkdrain", second, url);
        await FaultHost.ServesAsync(url, "the new release");

        await app.RepushServesAsync("fkdrain", "after the drain was cut", url);
    }
}
