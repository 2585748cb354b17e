using System.Globalization;
using System.Text.Json.Nodes;

namespace Nap.Host.Tests;

/// <summary>
/// A second key's build or running app that writes docker's disk down (napd.json's limits.diskFreeMegabytes, set for
/// each case from the host's free space, napd restarted; put back after). The host's /var/lib/docker is a volume on
/// this machine's disk, shared with every other host of the run, so the floor sits gigabytes under what is free and
/// the cases allow for the others' writes meanwhile.
/// </summary>
[Collection(NapHostCollection.Name)]
[Trait(Debian13Pass.Trait, Debian13Pass.Included)]
public sealed class HostileDiskFloorSpecs(NapHost host) : IAsyncLifetime
{
    const string Line = "and a build must leave {0} MB (limits.diskFreeMegabytes in /etc/nap/napd.json)";
    const int Margin = 2500;
    const string Hog = "disk-hog";

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

    async Task SetFloorAsync(long megabytes)
    {
        var json = JsonNode.Parse(napdJson)!.AsObject();
        json["limits"] = new JsonObject { ["diskFreeMegabytes"] = megabytes };
        (await host.ExecWithInput(json.ToJsonString(), "sh", "-c", "cat > /etc/nap/napd.json")).EnsureSuccess("the floor in napd.json");
        await host.RestartNapdAsync();
    }

    async Task<ExecResult> PushAsync(string app, string step)
    {
        using var tree = await GitWorkTree.CreateAsync(host, "hello");
        var dockerfile = await File.ReadAllTextAsync(tree.File("Dockerfile"));
        await File.WriteAllTextAsync(tree.File("Dockerfile"), dockerfile.Replace("COPY ", step + "\nCOPY ", StringComparison.Ordinal));
        await tree.CommitAsync("the second tenant's build");
        return await tree.PushAsync(app, reach.Second);
    }

    [Fact]
    public async Task A_build_that_writes_docker_s_disk_down_to_its_floor_is_stopped_and_what_it_wrote_is_removed()
    {
        var before = await FreeMegabytesAsync();
        var floor = before - Margin;
        await SetFloorAsync(floor);

        // Three times the margin: only the floor ends it.
        var push = await PushAsync("disk-fill", $"RUN dd if=/dev/zero of=/fill bs=1M count={3 * Margin}");

        Assert.True(push.ExitCode != 0, push.ToString());
        Assert.Contains(" !     the build failed: docker's disk (/var/lib/docker) fell to ", push.Stderr);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, Line, floor) + ": it was stopped and what it wrote removed", push.Stderr);
        Assert.Contains("disk-fill was not changed", push.Stderr);
        // The step's layer goes with the build: the disk comes back to within what the run's other hosts may write meanwhile.
        await host.WaitForAsync($"[ $(df -m --output=avail /var/lib/docker | tail -n 1) -gt {before - Margin / 2} ]", "the stopped build's layer to be removed");
        Assert.Empty((await host.Exec("docker", "images", "-q", "nap/disk-fill")).EnsureSuccess("images").Stdout.Trim());
        await HostileHost.AssertStillServesAsync(reach.First.Url);
    }

    [Fact]
    public async Task A_build_on_a_disk_already_below_its_floor_is_not_started()
    {
        var floor = await FreeMegabytesAsync() + Margin;
        await SetFloorAsync(floor);

        var push = await PushAsync("disk-low", "RUN echo never");

        Assert.True(push.ExitCode != 0, push.ToString());
        Assert.Contains(" !     the build was not started: docker's disk (/var/lib/docker) has ", push.Stderr);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, Line, floor) + ": free some space (docker system prune) or lower the limit", push.Stderr);
        Assert.DoesNotContain("never", push.Output);
        await HostileHost.AssertStillServesAsync(reach.First.Url);
    }

    [Fact]
    public async Task A_running_app_that_writes_docker_s_disk_down_to_the_floor_is_stopped_its_writes_removed_and_its_owner_told()
    {
        var before = await FreeMegabytesAsync();
        var floor = before - Margin;
        await SetFloorAsync(floor);
        using var tree = await GitWorkTree.CreateAsync(host, "hello");
        // Serves first (busybox httpd goes to the background), so it deploys; then writes three times the margin.
        await File.WriteAllTextAsync(tree.File("Dockerfile"), $$"""
            FROM local/busybox:latest
            COPY www /www
            EXPOSE 8080
            CMD ["/bin/sh", "-c", "httpd -p 8080 -h /www && sleep 4 && dd if=/dev/zero of=/fill bs=1M count={{3 * Margin}}; exec sleep 3600"]
            """);
        await tree.CommitAsync("the second tenant's writer");

        var push = await tree.PushAsync(Hog, reach.Second);

        Assert.True(push.ExitCode == 0, push.ToString());
        await host.WaitForAsync($"journalctl -u napd -o cat | grep -q '{Hog} stopped: docker'", "napd to stop the writing app");
        var status = await host.Ssh(reach.Second, [], $"status {Hog}");
        Assert.Contains($"{Hog}: stopped", status.Output);
        Assert.Contains("stopped by napd: docker's disk (/var/lib/docker) fell to ", status.Output);
        Assert.Contains($"and nap keeps {floor} MB free (limits.diskFreeMegabytes in /etc/nap/napd.json) (then: start {Hog})", status.Output);
        // --rm took the container's layer with it: the disk comes back to within what the run's other hosts may write meanwhile.
        await host.WaitForAsync($"[ $(df -m --output=avail /var/lib/docker | tail -n 1) -gt {before - Margin / 2} ]", "the writer's layer to be removed");
        Assert.Empty((await host.Exec("docker", "ps", "-q", "--filter", $"label=nap.app={Hog}")).EnsureSuccess("docker ps").Stdout.Trim());
        await HostileHost.AssertStillServesAsync(reach.First.Url);
    }
}
