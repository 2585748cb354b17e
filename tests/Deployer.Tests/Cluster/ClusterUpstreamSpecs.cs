using Docker.DotNet.Models;
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

    static readonly SwarmNode Manager = new("n1", "primary", "10.0.0.1", "ready", "active", "manager");
    static readonly SwarmNode Worker = new("n2", "worker-1", "10.0.0.2", "ready", "active", "worker");

    static SwarmTask Running(string id, string node, int port, long slot) => new(id, node, slot, "running", "running", "started", null, port);

    [Fact]
    public void Each_task_the_engine_wants_running_is_placed_at_its_nodes_address_and_published_port_in_slot_order()
    {
        var places = TaskPlace.Of(
            [Running("t2", "n2", 30002, 2), Running("t1", "n1", 30001, 1), new("old", "n1", 1, "shutdown", "shutdown", "", null, 30000)],
            [Manager, Worker]);

        Assert.Equal([("primary", "10.0.0.1", 30001), ("worker-1", "10.0.0.2", 30002)], places.Select(p => (p.Node, p.Address, p.Port)));
        Assert.Equal(["10.0.0.1:30001", "10.0.0.2:30002"], TaskPlace.Upstream(TaskPlace.Serving(places)));
    }

    [Fact]
    public void A_task_on_a_node_that_is_not_ready_or_without_a_published_port_takes_no_request()
    {
        var places = TaskPlace.Of(
            [Running("t1", "n1", 30001, 1), Running("t2", "n2", 30002, 2), new("t3", "n1", 3, "starting", "running", "", null, null)],
            [Manager, Worker with { State = "down" }]);

        Assert.Equal(["running", "node down", "starting"], places.Select(p => p.State));
        Assert.Equal(["10.0.0.1:30001"], TaskPlace.Upstream(TaskPlace.Serving(places)));
    }

    [Fact]
    public void A_manager_that_reports_0_0_0_0_is_reached_at_its_manager_address()
    {
        Assert.Equal("172.17.0.3", DockerEngine.NodeAddress("0.0.0.0", "172.17.0.3:2377"));
        Assert.Equal("172.17.0.4", DockerEngine.NodeAddress("172.17.0.4", "172.17.0.3:2377"));
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
        swarm.Nodes = [Manager, Worker with { State = "down" }];
        swarm.Tasks = [Running("t1", "n1", 30001, 1), Running("t2", "n2", 30002, 2), Running("t3", "n1", 30003, 2)];

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
        swarm.Nodes = [Manager];
        swarm.Tasks = [Running("t1", "n1", 30001, 1)];

        await follower.FollowAllAsync(default);
        swarm.Tasks = [new("t1", "n1", 1, "failed", "shutdown", "", "task: non-zero exit (1)", 30001)];
        await follower.FollowAllAsync(default);

        Assert.Equal(written, File.GetLastWriteTimeUtc(door.PathOf("web")));
        Assert.Equal(["10.0.0.1:30001"], (await store.ReadAsync("web"))!.Current!.Tasks);
    }

    async Task<(AppStateStore, TaskFollower, NginxFrontDoor)> SetUpAsync(IReadOnlyList<string> tasks)
    {
        var paths = new NapPaths(dir.Sub("data"), dir.Sub("etc"), Path.Combine(dir.Path, "run"));
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

    sealed class FakeSwarm : ISwarm
    {
        public IReadOnlyList<SwarmNode> Nodes { get; set; } = [];
        public IReadOnlyList<SwarmTask> Tasks { get; set; } = [];

        public Task<bool> IsManagerAsync(CancellationToken ct) => Task.FromResult(true);
        public Task<IReadOnlyList<SwarmNode>> NodesAsync(CancellationToken ct) => Task.FromResult(Nodes);
        public Task<IReadOnlyList<SwarmTask>> TasksAsync(string service, CancellationToken ct) => Task.FromResult(Tasks);
        public Task CreateServiceAsync(ServiceSpec spec, RegistryLogin login, CancellationToken ct) => throw new NotSupportedException();
        public Task<bool> ScaleServiceAsync(string service, int replicas, RegistryLogin? login, CancellationToken ct) => throw new NotSupportedException();
        public Task RemoveServiceAsync(string service, CancellationToken ct) => throw new NotSupportedException();
        public Task<IReadOnlyList<string>> ServicesOfAsync(string app, CancellationToken ct) => throw new NotSupportedException();
        public Task<string?> InspectServiceAsync(string service, CancellationToken ct) => throw new NotSupportedException();
        public Task EnsureOverlayAsync(string network, string app, CancellationToken ct) => throw new NotSupportedException();
        public Task WatchAsync(Action changed, CancellationToken ct) => Task.Delay(Timeout.Infinite, ct);
    }
}
