using System.Text.Json.Nodes;

namespace Nap.Host.Tests;

/// <summary>
/// A nap cluster of three host containers, booted once for every class in <see cref="ClusterCollection"/>: the primary
/// (nap installed as <see cref="NapHost"/> does, `nap registry init`, `nap cluster init`) and two workers
/// (local/nap-host with systemd and dockerd, nothing of nap) that joined by running the line `nap nodes join-command`
/// printed, with the repository's scripts/ copied in. tests/README.md says what it costs.
/// </summary>
public sealed class ClusterHost : IAsyncLifetime
{
    public const string AdminKeyName = "cluster-admin";

    NapHost? _primary;
    NapHost[] _workers = [];

    /// <summary>The manager: napd, nginx's front door, the registry. Its <see cref="NapHost.TestKey"/> is not an admin.</summary>
    public NapHost Primary => _primary ?? throw new InvalidOperationException("the cluster is not booted");

    /// <summary>The two workers: <c>docker stop</c>/<c>start</c> their <see cref="NapHost.ContainerId"/> for faults (<see cref="StopWorkerAsync"/>).</summary>
    public IReadOnlyList<NapHost> Workers => _workers;

    /// <summary>An admin key on the primary, for the nodes* verbs over ssh.</summary>
    public SshKey AdminKey { get; private set; } = null!;

    /// <summary>`nap cluster init` run before `nap registry init`: refused.</summary>
    public ExecResult InitWithoutRegistry { get; private set; } = null!;

    public ExecResult ClusterInit { get; private set; } = null!;

    /// <summary>The line `nap nodes join-command` printed, which the workers ran.</summary>
    public string JoinCommand { get; private set; } = "";

    /// <summary>What the join command printed on each worker.</summary>
    public IReadOnlyList<ExecResult> Joins { get; private set; } = [];

    public string RegistryAddress => $"{Primary.Ip}:5000";

    public async Task InitializeAsync()
    {
        var primary = NapHost.BootAsync();
        var workers = new[] { NapHost.BootBareAsync(), NapHost.BootBareAsync() };
        try
        {
            _primary = await primary;
            _workers = await Task.WhenAll(workers);
        }
        catch
        {
            await DisposeBootedAsync([primary, .. workers]);
            throw;
        }
        try
        {
            await FormAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    async Task FormAsync()
    {
        AdminKey = await Primary.AddKeyAsync(AdminKeyName, admin: true);
        InitWithoutRegistry = await Primary.Exec("nap", "cluster", "init");
        (await Primary.Exec("nap", "registry", "init")).EnsureSuccess("nap registry init");
        ClusterInit = (await Primary.Exec("nap", "cluster", "init")).EnsureSuccess("nap cluster init");
        JoinCommand = (await Primary.Exec("nap", "nodes", "join-command")).EnsureSuccess("nap nodes join-command").Stdout.Trim();
        Joins = await Task.WhenAll(_workers.Select(JoinAsync));
        await WaitForNodesAsync(3);
    }

    /// <summary>Runs the join command on <paramref name="worker"/>, from a copy of the repository's scripts/, as an admin would.</summary>
    public async Task<ExecResult> JoinAsync(NapHost worker)
    {
        await worker.CopyScriptsAsync();
        return (await worker.Exec("sh", "-c", $"cd {NapHost.NapSource} && {JoinCommand}")).EnsureSuccess("the join command on a worker");
    }

    /// <summary>`nodes --json` as the admin key sees it.</summary>
    public async Task<JsonArray> NodesAsync() =>
        JsonNode.Parse((await Primary.Ssh(AdminKey, [], "nodes --json")).EnsureSuccess("nodes --json").Stdout)!.AsArray();

    /// <summary>Waits until the swarm has <paramref name="count"/> nodes, all ready.</summary>
    public Task WaitForNodesAsync(int count) =>
        Primary.WaitForAsync($"test \"$(docker node ls --format '{{{{.Status}}}}' | grep -cx Ready)\" = {count} && test \"$(docker node ls -q | wc -l)\" = {count}",
            $"{count} ready nodes", TimeSpan.FromSeconds(60));

    /// <summary>The addresses of the primary and the workers, as the specs reach them.</summary>
    public IReadOnlyList<string> Addresses => [Primary.Ip, .. _workers.Select(w => w.Ip)];

    /// <summary>docker stop of a worker's host container: the machine is gone, as a lost server is.</summary>
    public async Task StopWorkerAsync(NapHost worker) =>
        (await Run.Async("docker", ["stop", "-t", "1", worker.ContainerId])).EnsureSuccess("docker stop of a worker");

    /// <summary>docker start of a stopped worker: systemd and dockerd boot again, the engine rejoins the swarm by itself; it may have a new address.</summary>
    public async Task StartWorkerAsync(NapHost worker)
    {
        (await Run.Async("docker", ["start", worker.ContainerId])).EnsureSuccess("docker start of a worker");
        await worker.FollowRestartAsync();
        await WaitForNodesAsync(1 + _workers.Length);
    }

    static async Task DisposeBootedAsync(IEnumerable<Task<NapHost>> boots)
    {
        foreach (var boot in boots)
        {
            try
            {
                await (await boot).DisposeAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // It failed to boot, and removed itself.
            }
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
            await worker.DisposeAsync();
        if (_primary is not null)
            await _primary.DisposeAsync();
    }
}

/// <summary>Every cluster spec class shares one <see cref="ClusterHost"/>: three hosts take over a minute to boot.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterHost>
{
    public const string Name = "nap cluster";
}
