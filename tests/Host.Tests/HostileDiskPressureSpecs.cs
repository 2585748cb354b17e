using System.Globalization;
using System.Text.Json.Nodes;

namespace Nap.Host.Tests;

/// <summary>
/// A second key's running app that writes docker's disk down to the floor (napd.json's limits.diskFreeMegabytes, set
/// from the host's free space, napd restarted; put back after). The host's /var/lib/docker is a volume on this
/// machine's disk, shared with the run's other hosts: the floor sits 2,500 MB under what is free.
/// </summary>
[Collection(NapHostCollection.Name)]
[Trait(Debian13Pass.Trait, Debian13Pass.Included)]
public sealed class HostileDiskPressureSpecs(NapHost host) : IAsyncLifetime
{
    const int Margin = 2500;
    const string App = "disk-hog";

    string napdJson = "";
    BuildReachHost reach = null!;

    public async Task InitializeAsync()
    {
        reach = await BuildReachHost.OfAsync(host);
        napdJson = (await host.Exec("cat", "/etc/nap/napd.json")).EnsureSuccess("napd.json").Stdout;
    }

    public async Task DisposeAsync()
    {
        (await host.ExecWithInput(napdJson, "sh", "-c", "cat > /etc/nap/napd.json")).EnsureSuccess("napd.json back");
        await host.RestartNapdAsync();
    }

    async Task<long> FreeMegabytesAsync()
    {
        var df = (await host.Exec("df", "-m", "--output=avail", "/var/lib/docker")).EnsureSuccess("df").Stdout;
        return long.Parse(df.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_running_app_that_writes_docker_s_disk_down_to_the_floor_is_stopped_its_writes_removed_and_its_owner_told()
    {
        var before = await FreeMegabytesAsync();
        var floor = before - Margin;
        var json = JsonNode.Parse(napdJson)!.AsObject();
        json["limits"] = new JsonObject { ["diskFreeMegabytes"] = floor };
        (await host.ExecWithInput(json.ToJsonString(), "sh", "-c", "cat > /etc/nap/napd.json")).EnsureSuccess("the floor in napd.json");
        await host.RestartNapdAsync();
        using var tree = await GitWorkTree.CreateAsync(host, "hello");
        // Serves first (busybox httpd goes to the background), so it deploys; then writes three times the margin.
        await File.WriteAllTextAsync(tree.File("Dockerfile"), $$"""
            FROM local/busybox:latest
            COPY www /www
            EXPOSE 8080
            CMD ["/bin/sh", "-c", "httpd -p 8080 -h /www && sleep 4 && dd if=/dev/zero of=/fill bs=1M count={{3 * Margin}}; exec sleep 3600"]
            """);
        await tree.CommitAsync("the second tenant's writer");

        var push = await tree.PushAsync(App, reach.Second);

        Assert.True(push.ExitCode == 0, push.ToString());
        await host.WaitForAsync($"journalctl -u napd -o cat | grep -q '{App} stopped: docker'", "napd to stop the writing app");
        var status = await host.Ssh(reach.Second, [], $"status {App}");
        Assert.Contains($"{App}: stopped", status.Output);
        Assert.Contains("stopped by napd: docker's disk (/var/lib/docker) fell to ", status.Output);
        Assert.Contains($"and nap keeps {floor} MB free (limits.diskFreeMegabytes in /etc/nap/napd.json) (then: start {App})", status.Output);
        // --rm took the container's layer with it: the disk comes back to within what the run's other hosts may write meanwhile.
        await host.WaitForAsync($"[ $(df -m --output=avail /var/lib/docker | tail -n 1) -gt {before - Margin / 2} ]", "the writer's layer to be removed");
        Assert.Empty((await host.Exec("docker", "ps", "-q", "--filter", $"label=nap.app={App}")).EnsureSuccess("docker ps").Stdout.Trim());
        await HostileHost.AssertStillServesAsync(reach.First.Url);
    }
}
