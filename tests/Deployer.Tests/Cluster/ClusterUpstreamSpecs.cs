using Microsoft.Extensions.Logging.Abstractions;
using Nap.Deployer.Apps;
using Nap.Deployer.Cluster;
using Nap.Deployer.Docker;
using Nap.Deployer.Health;
using Nap.Deployer.Nginx;
using Nap.Deployer.Registry;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Tests.Support;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Cluster;

/// <summary>Tasks to addresses, and the front door following them: what the engine says, mapped and written for a real nginx.</summary>
public sealed class ClusterUpstreamSpecs : IAsyncLifetime
{
    readonly NginxFixture nginx = new();
    readonly TestDir dir = new();
    readonly FakeSwarm swarm = new();

    static readonly SwarmNode Manager = FakeSwarm.Node("n1", "primary", "10.0.0.1", "manager");
    static readonly SwarmNode Worker = FakeSwarm.Node("n2", "worker-1", "10.0.0.2");

    static SwarmTask TaskOf(string id, string node, long slot, string state = "running", string desired = "running", params int[] ports) =>
        new(id, "nap-web-1", node, "web", state, desired, ports) { Slot = slot };

    static SwarmTask Running(string id, string node, int port, long slot) => TaskOf(id, node, slot, ports: port);

    [Fact]
    public void Each_task_the_engine_wants_running_is_placed_at_its_nodes_address_and_published_port_in_slot_order()
    {
        var places = TaskPlace.Of(
            [Running("t2", "n2", 30002, 2), Running("t1", "n1", 30001, 1), TaskOf("old", "n1", 1, "shutdown", "shutdown", 30000)],
            [Manager, Worker]);

        Assert.Equal([("primary", "10.0.0.1", 30001), ("worker-1", "10.0.0.2", 30002)], places.Select(p => (p.Node, p.Address, p.Port)));
        Assert.Equal(["10.0.0.1:30001", "10.0.0.2:30002"], TaskPlace.Upstream(TaskPlace.Serving(places)));
    }

    [Fact]
    public void A_task_on_a_node_that_is_not_ready_or_without_a_published_port_takes_no_request()
    {
        var places = TaskPlace.Of(
            [Running("t1", "n1", 30001, 1), Running("t2", "n2", 30002, 2), TaskOf("t3", "n1", 3, "starting")],
            [Manager, Worker with { State = "down" }]);

        Assert.Equal(["running", "node down", "starting"], places.Select(p => p.State));
        Assert.Equal(["10.0.0.1:30001"], TaskPlace.Upstream(TaskPlace.Serving(places)));
    }

    [Fact]
    public async Task Nginx_accepts_an_upstream_of_tasks_that_retries_the_next_one_when_a_node_is_lost()
    {
        var door = new NginxFrontDoor(nginx.Options);

        await door.ApplyAsync(new NginxSite("web", 10001, []).WithTasks([System.Net.IPEndPoint.Parse("10.0.0.1:30001"), System.Net.IPEndPoint.Parse("10.0.0.2:30002")]), default);

        var text = await File.ReadAllTextAsync(door.PathOf("web"));
        Assert.Contains("server 10.0.0.1:30001 max_fails=1 fail_timeout=5s;", text);
        Assert.Contains("server 10.0.0.2:30002 max_fails=1 fail_timeout=5s;", text);
        Assert.Contains("proxy_next_upstream error timeout http_502 http_503 http_504;", text);
        Assert.Contains("proxy_connect_timeout 1s;", text);
        Assert.DoesNotContain("127.0.0.1", text);
    }

    [Fact]
    public async Task The_follower_rewrites_the_upstream_and_the_record_when_a_nodes_tasks_move_to_another()
    {
        var (store, follower, door) = await SetUpAsync(["10.0.0.1:30001", "10.0.0.2:30002"]);
        swarm.Nodes.AddRange([Manager, Worker with { State = "down" }]);
        swarm.Tasks.AddRange([Running("t1", "n1", 30001, 1), Running("t2", "n2", 30002, 2), Running("t3", "n1", 30003, 2)]);

        await follower.FollowAllAsync(default);

        var text = await File.ReadAllTextAsync(door.PathOf("web"));
        Assert.Contains("server 10.0.0.1:30001 ", text);
        Assert.Contains("server 10.0.0.1:30003 ", text);
        Assert.DoesNotContain("10.0.0.2", text);
        Assert.Equal(["10.0.0.1:30001", "10.0.0.1:30003"], (await store.ReadAsync("web"))!.Current!.Tasks);
    }

    [Fact]
    public async Task The_follower_leaves_the_upstream_alone_while_it_matches_or_while_no_task_runs()
    {
        var (store, follower, door) = await SetUpAsync(["10.0.0.1:30001"]);
        await door.ApplyAsync(new NginxSite("web", 10001, []).WithTasks([System.Net.IPEndPoint.Parse("10.0.0.1:30001")]), default);
        var written = File.GetLastWriteTimeUtc(door.PathOf("web"));
        swarm.Nodes.Add(Manager);
        swarm.Tasks.Add(Running("t1", "n1", 30001, 1));

        await follower.FollowAllAsync(default);
        swarm.Tasks[0] = TaskOf("t1", "n1", 1, "failed", "shutdown", 30001) with { Error = "task: non-zero exit (1)" };
        await follower.FollowAllAsync(default);

        Assert.Equal(written, File.GetLastWriteTimeUtc(door.PathOf("web")));
        Assert.Equal(["10.0.0.1:30001"], (await store.ReadAsync("web"))!.Current!.Tasks);
    }

    [Fact]
    public async Task A_napd_with_a_registry_but_no_swarm_asks_the_engine_seldom_and_follows_at_once_when_cluster_init_wakes_it()
    {
        var (store, follower, door) = await SetUpAsync(["10.0.0.2:30002"]);
        RecordRegistry();
        swarm.Nodes.Add(Manager);
        swarm.Tasks.Add(Running("t1", "n1", 30001, 1));

        await follower.StartAsync(default);
        try
        {
            // Each of its two loops asks once at the start, then not again for 30 s (at the 2 s pace: twice more each by now).
            await Task.Delay(TimeSpan.FromSeconds(4.5));
            Assert.Equal(2, swarm.StateReads);

            swarm.State = new SwarmState("active", true, "n1", "10.0.0.1:2377", null);
            follower.Wake();
            for (var i = 0; i < 50 && (await store.ReadAsync("web"))!.Current!.Tasks[0] != "10.0.0.1:30001"; i++)
                await Task.Delay(100);

            Assert.Equal(["10.0.0.1:30001"], (await store.ReadAsync("web"))!.Current!.Tasks);
            Assert.Contains("server 10.0.0.1:30001 ", await File.ReadAllTextAsync(door.PathOf("web")));
        }
        finally
        {
            await follower.StopAsync(default);
        }
    }

    NapPaths Paths => new(dir.Sub("data"), dir.Sub("etc"), Path.Combine(dir.Path, "run"));

    void RecordRegistry()
    {
        File.WriteAllText(Paths.RegistryFile, """{"address": "10.0.0.5:5000", "user": "napd"}""");
        Directory.CreateDirectory(Paths.RegistryAuthDir);
        File.WriteAllText(Paths.RegistryAuthFile, """{"auths": {"10.0.0.5:5000": {"auth": "bmFwZDpzM2NyZXQ="}}}""");
    }

    async Task<(AppStateStore, TaskFollower, NginxFrontDoor)> SetUpAsync(IReadOnlyList<string> tasks)
    {
        var paths = Paths;
        var config = new NapdConfig();
        var store = new AppStateStore(paths);
        await store.CreateIfAbsentAsync("web", "alice", DateTimeOffset.UtcNow);
        var release = new Release(1, new string('a', 40), "alice", DateTimeOffset.UtcNow, "nap/web:1-x", null, ReleaseResult.Deployed).WithService("nap-web-1", tasks);
        await store.UpdateAsync("web", a => a.WithRelease(release).WithCurrentRelease(1).WithAppPort(10001));
        var door = new NginxFrontDoor(nginx.Options);
        var services = new ServiceRunner(config, paths, swarm, new HealthChecker(DockerEngine.Connect(), new HttpProbe()), TimeProvider.System);
        var follower = new TaskFollower(
            new ClusterMode(new RegistrySettings(paths), swarm), swarm, store, new AppLocks(TimeProvider.System), services,
            new ClusterFrontDoor(new AppSites(config, paths), door), NullLogger<TaskFollower>.Instance);
        return (store, follower, door);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await nginx.DisposeAsync();
        dir.Dispose();
    }
}
