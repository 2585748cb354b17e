namespace Nap.Host.Tests;

/// <summary>
/// Issue 19: a host whose docker CLI is gone after nap was installed (Debian 13 ships it apart, as docker-cli, which
/// docker.io only recommends). napd, install.sh and every push say so in one line instead of systemd's spawn error
/// ("Unable to locate executable '/usr/bin/docker'"); the apps keep serving, and once the CLI is back pushes
/// deploy again without a restart of napd.
/// </summary>
[Trait(Debian13Pass.Trait, Debian13Pass.Included)]
public sealed class FaultDockerCliSpecs(FaultHostFixture fixture) : IClassFixture<FaultHostFixture>
{
    const string Missing = "this host cannot build apps: /usr/bin/docker is missing, and nap's build and run units start it: "
        + "install the docker CLI (apt-get install docker-cli on Debian 13, apt-get install --reinstall docker.io on Debian 12)";

    readonly NapHost host = fixture.Host;

    /// <summary>
    /// Moved aside rather than uninstalled: the same on Debian 12 (docker.io holds the CLI) and 13 (docker-cli), and
    /// put back without the mirror. Running releases keep their `docker run` processes meanwhile.
    /// </summary>
    async Task<T> WithoutDockerCliAsync<T>(Func<Task<T>> act)
    {
        (await host.Exec("mv", "/usr/bin/docker", "/usr/bin/docker.away")).EnsureSuccess("moving the docker CLI away");
        try
        {
            return await act();
        }
        finally
        {
            (await host.Exec("mv", "/usr/bin/docker.away", "/usr/bin/docker")).EnsureSuccess("putting the docker CLI back");
        }
    }

    [Fact]
    public async Task A_push_without_the_docker_CLI_fails_before_the_build_with_one_line_naming_it_and_the_app_keeps_serving()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, _) = await app.DeployAsync("fnocli");
        var refs = await host.RefsAsync("fnocli");
        await app.ChangePageAsync("built without a docker CLI");

        var push = await WithoutDockerCliAsync(() => app.PushAsync("fnocli"));

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains($"remote:  !     {Missing}", push.Stderr);
        Assert.DoesNotContain("-----> Building", push.Output);
        Assert.DoesNotContain("Unable to locate executable", push.Output);
        Assert.Contains("push rejected: fnocli was not changed", push.Output);
        Assert.Equal(refs, await host.RefsAsync("fnocli"));
        await FaultHost.ServesAsync(url, "Hello from nap");
        await app.RepushServesAsync("fnocli", "the docker CLI is back", url);
    }

    [Fact]
    public async Task Napd_started_without_the_docker_CLI_serves_and_names_it_in_systemctl_status_and_the_journal()
    {
        var (status, journal, apps) = await WithoutDockerCliAsync(async () =>
        {
            await host.RestartNapdAsync();
            // The check runs beside the socket, so napd answers while it runs.
            await host.WaitForAsync("systemctl show -P StatusText napd | grep -q 'cannot build'", "napd's host check");
            return (await host.Exec("systemctl", "status", "--full", "--no-pager", "napd"),
                await host.Exec("journalctl", "-u", "napd", "-p", "err", "-n", "1", "--no-pager", "-o", "cat"),
                await host.Ssh("apps"));
        });

        Assert.Contains("Active: active (running)", status.Stdout);
        Assert.Contains($"Status: \"{Missing}\"", status.Stdout);
        Assert.EndsWith(Missing, journal.Stdout.Trim());
        Assert.True(apps.ExitCode == 0, apps.ToString());
        // Back: the next push checks again and deploys, and the status says what builds.
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await app.DeployAsync("fnoclistart");
        Assert.StartsWith("docker ", (await host.Exec("systemctl", "show", "-P", "StatusText", "napd")).Stdout);
    }

    [Fact]
    public async Task Install_on_a_host_without_the_docker_CLI_stops_with_one_line_naming_it()
    {
        var install = await WithoutDockerCliAsync(() =>
            host.Exec($"{NapHost.NapSource}/scripts/install.sh", "--from", $"{NapHost.NapSource}/publish"));

        Assert.Equal(1, install.ExitCode);
        Assert.Equal($"install.sh: {Missing}", install.Stderr.Trim());
        Assert.Equal("nap is installed: nothing to change",
            (await host.Exec($"{NapHost.NapSource}/scripts/install.sh", "--from", $"{NapHost.NapSource}/publish")).Stdout.Trim());
    }
}
