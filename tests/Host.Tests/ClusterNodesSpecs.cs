using System.Text.Json.Nodes;

namespace Nap.Host.Tests;

/// <summary>
/// `nap cluster init`, the join command and the nodes* verbs on the three-host cluster (<see cref="ClusterHost"/>):
/// real swarm, real ssh, an admin key and a key without admin.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterNodesSpecs(ClusterHost cluster)
{
    readonly NapHost primary = cluster.Primary;

    Task<ExecResult> AdminAsync(string command) => primary.Ssh(cluster.AdminKey, [], command);

    async Task<JsonObject> NodeAtAsync(string address) =>
        (await cluster.NodesAsync()).Select(n => n!.AsObject()).Single(n => (string)n["address"]! == address);

    [Fact]
    public void Cluster_init_on_a_host_without_a_registry_is_refused_in_one_line_naming_nap_registry_init()
    {
        var refused = cluster.InitWithoutRegistry;

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("", refused.Stdout);
        var line = Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("run nap registry init first", line);
    }

    [Fact]
    public async Task Cluster_init_made_the_primary_a_manager_at_its_address_and_a_second_run_changes_nothing_and_prints_the_join_command_again()
    {
        Assert.Contains($"-----> making this host a Swarm manager at {primary.Ip}:2377", cluster.ClusterInit.Stdout);
        Assert.Contains(cluster.JoinCommand, cluster.ClusterInit.Stdout);
        Assert.Equal("active true", (await primary.Exec("docker", "info", "-f", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}")).Stdout.Trim());
        // Nodes beat every 2 s, so a lost one is marked down (and leaves the upstream) in seconds; the rest of the
        // spec keeps the engine's defaults (task history 5).
        Assert.Equal("2s 5", (await primary.Exec("docker", "info", "-f", "{{.Swarm.Cluster.Spec.Dispatcher.HeartbeatPeriod}} {{.Swarm.Cluster.Spec.Orchestration.TaskHistoryRetentionLimit}}")).Stdout.Trim());

        var again = (await primary.Exec("nap", "cluster", "init")).EnsureSuccess("nap cluster init, again");

        Assert.Contains("=====> this host is already a Swarm manager", again.Stdout);
        Assert.Contains("nothing to change", again.Stdout);
        Assert.Contains(cluster.JoinCommand, again.Stdout);
        // An admin key over ssh gets the same answer from napd.
        var overSsh = (await AdminAsync("cluster:init")).EnsureSuccess("cluster:init over ssh");
        Assert.Contains("already a Swarm manager", overSsh.Stdout);
    }

    [Fact]
    public async Task The_join_command_made_each_worker_trust_the_registry_and_join_with_nothing_of_nap_and_a_second_run_changes_nothing()
    {
        Assert.StartsWith("scripts/install.sh --node --join SWMTKN-", cluster.JoinCommand);
        Assert.Contains($"@{primary.Ip}:2377 --registry {cluster.RegistryAddress} --registry-ca ", cluster.JoinCommand);
        Assert.Equal(cluster.JoinCommand, (await AdminAsync("nodes:join-command")).EnsureSuccess("nodes:join-command").Stdout.Trim());
        var ca = (await primary.Exec("cat", "/etc/nap/registry-ca/ca.crt")).Stdout;

        foreach (var (worker, join) in cluster.Workers.Zip(cluster.Joins))
        {
            Assert.Contains($"installed /etc/docker/certs.d/{cluster.RegistryAddress}/ca.crt", join.Stdout);
            Assert.Contains($"joined the swarm at {primary.Ip}:2377 as a worker", join.Stdout);
            Assert.Equal(ca, (await worker.Exec("cat", $"/etc/docker/certs.d/{cluster.RegistryAddress}/ca.crt")).Stdout);
            // The registry answers the worker over TLS trusting that CA alone (and asks for the login napd passes on).
            Assert.Contains("UNAUTHORIZED", (await worker.Exec("curl", "-sS", "--cacert", $"/etc/docker/certs.d/{cluster.RegistryAddress}/ca.crt", $"https://{cluster.RegistryAddress}/v2/")).Stdout);
            Assert.NotEqual(0, (await worker.Exec("getent", "passwd", "nap")).ExitCode);
            Assert.NotEqual(0, (await worker.Exec("test", "-e", "/usr/local/bin/napd")).ExitCode);
            Assert.Equal("active false", (await worker.Exec("docker", "info", "-f", "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}")).Stdout.Trim());

            var again = (await worker.Exec("sh", "-c", $"cd {NapHost.NapSource} && {cluster.JoinCommand}")).EnsureSuccess("the join command, again");
            Assert.EndsWith("this machine is a node of the cluster: nothing to change", again.Stdout.Trim());
        }
    }

    [Fact]
    public async Task Nodes_lists_the_three_ready_nodes_with_their_addresses_and_the_primary_as_manager()
    {
        var nodes = await cluster.NodesAsync();

        Assert.Equal(3, nodes.Count);
        Assert.All(nodes, n => Assert.Equal("ready", (string)n!["state"]!));
        Assert.Equal(cluster.Addresses.Order(), nodes.Select(n => (string)n!["address"]!).Order());
        var manager = Assert.Single(nodes, n => (string)n!["role"]! == "manager")!;
        Assert.Equal(primary.Ip, (string)manager["address"]!);
        Assert.True((bool)manager["leader"]!);
        var text = (await AdminAsync("nodes")).EnsureSuccess("nodes").Stdout;
        Assert.All(cluster.Addresses, address => Assert.Contains(address, text));
        Assert.Contains("manager, leader", text);
        Assert.Contains("nodes [--json]", (await AdminAsync("help")).Stdout);
    }

    [Fact]
    public async Task A_label_set_on_a_node_shows_in_nodes_and_KEY_equals_removes_it_and_a_bad_one_changes_nothing()
    {
        var worker = cluster.Workers[0];
        var hostname = (string)(await NodeAtAsync(worker.Ip))["hostname"]!;

        var set = await AdminAsync($"nodes:label {hostname} region=eu disk=ssd");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains($"=====> {hostname}'s labels: disk=ssd, region=eu", set.Stdout);
        var labels = (await NodeAtAsync(worker.Ip))["labels"]!.AsObject();
        Assert.Equal("eu", (string)labels["region"]!);
        Assert.Equal("ssd", (string)labels["disk"]!);
        Assert.Contains("disk=ssd,region=eu", (await AdminAsync("nodes")).Stdout);

        var bad = await AdminAsync($"nodes:label {hostname} region=us 'bad key=x'");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("is no label key", bad.Stderr);
        Assert.Equal("eu", (string)(await NodeAtAsync(worker.Ip))["labels"]!["region"]!);

        var removed = (await AdminAsync($"nodes:label {hostname} disk=")).EnsureSuccess("nodes:label disk=");
        Assert.Contains($"{hostname}'s labels: region=eu", removed.Stdout);
        Assert.False((await NodeAtAsync(worker.Ip))["labels"]!.AsObject().ContainsKey("disk"));
        (await AdminAsync($"nodes:label {hostname} region=")).EnsureSuccess("nodes:label region=");

        var unknown = await AdminAsync("nodes:label no-such-node a=b");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("no node 'no-such-node' in the cluster", unknown.Stderr);
    }

    [Fact]
    public async Task A_key_without_admin_is_refused_every_cluster_verb_and_learns_nothing_of_the_nodes()
    {
        var hostname = (string)(await NodeAtAsync(cluster.Workers[0].Ip))["hostname"]!;

        foreach (var command in new[] { "cluster:init", "nodes", "nodes --json", "nodes:join-command", $"nodes:label {hostname} owned=yes", $"nodes:remove {hostname}" })
        {
            var refused = await primary.Ssh(command);

            Assert.True(refused.ExitCode != 0, $"{command}: {refused}");
            Assert.Contains("only admin keys manage them", refused.Stderr);
            Assert.Equal("", refused.Stdout);
            Assert.DoesNotContain("SWMTKN", refused.Output);
            Assert.All(cluster.Workers, w => Assert.DoesNotContain(w.Ip, refused.Output));
        }
        var node = await NodeAtAsync(cluster.Workers[0].Ip);
        Assert.False(node["labels"]!.AsObject().ContainsKey("owned"));
        Assert.Equal(3, (await cluster.NodesAsync()).Count);
    }

    [Fact]
    public async Task Remove_drains_a_worker_until_its_tasks_left_then_removes_it_and_the_machine_joins_again_with_the_join_command()
    {
        var worker = cluster.Workers[1];
        // A service on the workers, its containers labelled as nap's are: nodes shows the app on each.
        foreach (var w in cluster.Workers)
            (await Run.Async("bash", ["-c", $"set -o pipefail; docker save {RepoLayout.BusyboxImage} | docker exec -i {w.ContainerId} docker load"])).EnsureSuccess("busybox on a worker");
        (await primary.Exec("docker", "service", "create", "--detach", "--name", "drainer", "--mode", "global", "--constraint", "node.role==worker",
            "--container-label", "nap.app=drainer", "--no-resolve-image", RepoLayout.BusyboxImage, "sleep", "3600")).EnsureSuccess("docker service create");
        try
        {
            await primary.WaitForAsync("test \"$(docker service ps drainer --filter desired-state=running --format '{{.CurrentState}}' | grep -c ^Running)\" = 2", "drainer on both workers");
            var node = await NodeAtAsync(worker.Ip);
            Assert.Equal(["drainer"], node["apps"]!.AsArray().Select(a => (string)a!));
            var hostname = (string)node["hostname"]!;

            var managerRefused = await AdminAsync($"nodes:remove {(string)(await NodeAtAsync(primary.Ip))["hostname"]!}");
            Assert.NotEqual(0, managerRefused.ExitCode);
            Assert.Contains("is a manager", managerRefused.Stderr);

            var removed = await AdminAsync($"nodes:remove {hostname}");

            Assert.True(removed.ExitCode == 0, removed.ToString());
            Assert.Contains($"-----> draining {hostname}", removed.Stdout);
            Assert.Contains($"{hostname} is drained: none of its tasks runs any more", removed.Stdout);
            Assert.Contains($"=====> {hostname} ({worker.Ip}) removed from the cluster", removed.Stdout);
            // Drained before it went: its container stopped, not cut off.
            Assert.Equal("", (await worker.Exec("docker", "ps", "-q", "--filter", "label=nap.app=drainer")).Stdout.Trim());
            var left = await cluster.NodesAsync();
            Assert.Equal(2, left.Count);
            Assert.DoesNotContain(left, n => (string)n!["address"]! == worker.Ip);
        }
        finally
        {
            await primary.Exec("docker", "service", "rm", "drainer");
            // The fixture stays whole: the machine leaves its side and runs the join command again.
            await worker.Exec("docker", "swarm", "leave", "--force");
            await cluster.JoinAsync(worker);
            await cluster.WaitForNodesAsync(3);
        }
        Assert.Equal("active", (string)(await NodeAtAsync(worker.Ip))["availability"]!);
    }
}
