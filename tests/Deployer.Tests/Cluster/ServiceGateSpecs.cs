using Nap.Protocol;
using Nap.Deployer.Cluster;
using Nap.Deployer.Docker;
using Nap.Deployer.Health;
using Nap.Deployer.Settings;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Cluster;

/// <summary>napd's own health gate over a release's tasks, each probed at its node's address and published port.</summary>
public sealed class ServiceGateSpecs : IDisposable
{
    readonly TestDir dir = new();

    [Fact]
    public async Task A_task_nothing_answers_at_is_told_which_port_its_app_must_listen_on_as_an_instance_on_this_host_is()
    {
        var published = FreePorts.One();
        var swarm = new FakeSwarm();
        swarm.Tasks.Add(new SwarmTask("t1", "nap-web-1", "wrk1", "web", "running", "running", [published]) { Slot = 1, TargetPort = 8080 });
        swarm.Nodes.Add(new SwarmNode("wrk1", "worker-1", "127.0.0.1", "worker", "active", "ready", false, new Dictionary<string, string>(), 1));
        var runner = new ServiceRunner(new NapdConfig { HealthTimeoutSeconds = 1 }, new NapPaths(dir.Sub("data"), dir.Sub("etc"), Path.Combine(dir.Path, "run")), swarm,
            new HealthChecker(DockerEngine.Connect(), new HttpProbe()), TimeProvider.System);
        var places = await runner.PlacesAsync("nap-web-1", default);

        var error = await Assert.ThrowsAsync<ClusterException>(() => runner.GateAsync("nap-web-1", places, HealthGate.Probe, default));

        Assert.StartsWith($"task 1 of nap-web-1 on worker-1 (127.0.0.1:{published}) is not healthy: not healthy within 1 s: ", error.Message);
        Assert.EndsWith("; the app must listen on port 8080 ($PORT) on every address of its container (0.0.0.0, not 127.0.0.1)", error.Message);
    }

    public void Dispose() => dir.Dispose();
}
