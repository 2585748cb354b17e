using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nap.Deployer.Docker;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Cluster;

/// <summary>napd's cluster verbs against an engine's swarm in memory; Host.Tests' ClusterNodesSpecs run them on three hosts.</summary>
public sealed class ClusterSpecs
{
    const string Ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    static Task<TestNapd> StartAsync(FakeSwarm swarm, bool registry = true) =>
        TestNapd.StartAsync(
            configure: services => services.Replace(ServiceDescriptor.Singleton<ISwarm>(swarm)),
            configureDir: dir =>
            {
                if (!registry)
                    return;
                var etc = dir.Sub("etc");
                File.WriteAllText(Path.Combine(etc, "registry.json"), """{"address": "192.0.2.7:5000", "user": "napd"}""");
                Directory.CreateDirectory(Path.Combine(etc, "registry-auth"));
                File.WriteAllText(Path.Combine(etc, "registry-auth", "config.json"), """{"auths": {"192.0.2.7:5000": {"auth": "bmFwZDpzM2NyZXQ="}}}""");
                Directory.CreateDirectory(Path.Combine(etc, "registry-ca"));
                File.WriteAllText(Path.Combine(etc, "registry-ca", "ca.crt"), Ca);
            });

    static string JoinLine(string manager) =>
        $"scripts/install.sh --node --join SWMTKN-1-abc-def@{manager} --registry 192.0.2.7:5000 --registry-ca {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Ca))}";

    [Fact]
    public async Task Cluster_init_without_a_registry_is_one_line_naming_nap_registry_init_and_leaves_the_engine_alone()
    {
        var swarm = new FakeSwarm();
        await using var napd = await StartAsync(swarm, registry: false);

        var answer = await napd.SendAsync(Keys.Boss, "cluster:init");

        Assert.Equal(1, answer.Code);
        Assert.Equal("cluster:init: this host has no registry yet: run nap registry init first (every node pulls the apps' images from it)\n", answer.Err);
        Assert.Empty(swarm.Calls);
    }

    [Fact]
    public async Task Cluster_init_makes_the_engine_a_manager_at_the_public_address_and_prints_the_join_line()
    {
        var swarm = new FakeSwarm();
        await using var napd = await StartAsync(swarm);

        var answer = await napd.SendAsync(Keys.Boss, "cluster:init");

        Assert.True(answer.Code == 0, answer.Err);
        Assert.Equal(["init 192.0.2.7"], swarm.Calls);
        Assert.Contains("-----> making this host a Swarm manager at 192.0.2.7:2377", answer.Out);
        Assert.EndsWith("\n" + JoinLine("192.0.2.7:2377") + "\n", answer.Out);
    }

    [Fact]
    public async Task A_second_cluster_init_changes_nothing_and_prints_the_join_line_again()
    {
        var swarm = FakeSwarm.Cluster();
        await using var napd = await StartAsync(swarm);

        var answer = await napd.SendAsync(Keys.Boss, "cluster:init");

        Assert.Equal(0, answer.Code);
        Assert.Empty(swarm.Calls);
        Assert.StartsWith("=====> this host is already a Swarm manager (node mgr1, 10.0.0.1:2377): nothing to change\n", answer.Out);
        Assert.EndsWith("\n" + JoinLine("10.0.0.1:2377") + "\n", answer.Out);
    }

    [Fact]
    public async Task Cluster_init_on_an_engine_that_is_a_worker_of_another_swarm_is_refused_and_asks_nothing_more()
    {
        var swarm = new FakeSwarm { State = new SwarmState("active", false, "wrk9", "10.9.9.9:2377", null) };
        await using var napd = await StartAsync(swarm);

        var answer = await napd.SendAsync(Keys.Boss, "cluster:init");

        Assert.Equal(1, answer.Code);
        Assert.Equal("cluster:init: this host's engine is already in a swarm (state 'active', as a worker): docker swarm leave there first, or run nap on that swarm's manager\n", answer.Err);
        Assert.Empty(swarm.Calls);
    }

    [Fact]
    public async Task Join_command_prints_the_line_alone_and_before_cluster_init_says_to_run_it()
    {
        await using (var napd = await StartAsync(FakeSwarm.Cluster()))
            Assert.Equal(JoinLine("10.0.0.1:2377") + "\n", (await napd.SendAsync(Keys.Boss, "nodes:join-command")).Out);

        await using var single = await StartAsync(new FakeSwarm());
        var answer = await single.SendAsync(Keys.Boss, "nodes:join-command");
        Assert.Equal(1, answer.Code);
        Assert.Equal("nodes:join-command: this host is not a Swarm manager yet: run nap cluster init on it first\n", answer.Err);
    }

    [Theory]
    [InlineData("cluster:init")]
    [InlineData("nodes")]
    [InlineData("nodes:join-command")]
    [InlineData("nodes:label", "w1", "a=b")]
    [InlineData("nodes:remove", "w1")]
    public async Task A_key_without_admin_is_refused_and_the_engine_is_not_asked(string verb, params string[] args)
    {
        var swarm = FakeSwarm.Cluster();
        await using var napd = await StartAsync(swarm);

        var answer = await napd.SendAsync(Keys.Alice, verb, args);

        Assert.Equal(1, answer.Code);
        Assert.Equal("", answer.Out);
        Assert.Equal($"{verb}: the cluster's nodes run every key's apps: only admin keys manage them\n", answer.Err);
        Assert.Empty(swarm.Calls);
        Assert.Equal(3, swarm.Nodes.Count);
    }

    [Fact]
    public async Task Nodes_json_lists_each_node_with_its_address_labels_and_the_apps_of_its_tasks_that_are_to_run()
    {
        var swarm = FakeSwarm.Cluster();
        swarm.Nodes[1] = swarm.Nodes[1] with { Labels = new Dictionary<string, string> { ["region"] = "eu" } };
        await using var napd = await StartAsync(swarm);

        var nodes = JsonNode.Parse((await napd.SendAsync(Keys.Boss, "nodes", "--json")).Out)!.AsArray();

        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3"], nodes.Select(n => (string)n!["address"]!));
        Assert.Equal(["manager", "worker", "worker"], nodes.Select(n => (string)n!["role"]!));
        Assert.Equal("""{"id":"wrk1","hostname":"w1","address":"10.0.0.2","role":"worker","leader":false,"availability":"active","state":"ready","labels":{"region":"eu"},"apps":["web"]}""",
            nodes[1]!.ToJsonString());
        Assert.Equal(["shop"], nodes[0]!["apps"]!.AsArray().Select(a => (string)a!));
        Assert.Empty(nodes[2]!["apps"]!.AsArray());
    }

    [Fact]
    public async Task Nodes_label_sets_and_with_an_empty_value_removes_and_a_bad_label_changes_nothing()
    {
        var swarm = FakeSwarm.Cluster();
        await using var napd = await StartAsync(swarm);

        Assert.Equal("=====> w1's labels: disk=ssd, region=eu\n", (await napd.SendAsync(Keys.Boss, "nodes:label", "w1", "region=eu", "disk=ssd")).Out);
        Assert.Equal("=====> w1's labels: region=eu\n", (await napd.SendAsync(Keys.Boss, "nodes:label", "wrk1", "disk=")).Out);
        var bad = await napd.SendAsync(Keys.Boss, "nodes:label", "w1", "region=us", "a b=c");
        var same = await napd.SendAsync(Keys.Boss, "nodes:label", "w1", "region=eu");

        Assert.Equal(1, bad.Code);
        Assert.StartsWith("nodes:label: 'a b' is no label key:", bad.Err);
        Assert.Contains("already: nothing to change", same.Out);
        Assert.Equal(["update w1 disk=ssd,region=eu active", "update w1 region=eu active"], swarm.Calls);
    }

    [Fact]
    public async Task Nodes_remove_drains_a_worker_waits_for_its_tasks_then_removes_it_and_refuses_the_manager()
    {
        var swarm = FakeSwarm.Cluster();
        swarm.OnDrain = node => swarm.Tasks.RemoveAll(t => t.NodeId == node.Id);
        await using var napd = await StartAsync(swarm);

        var manager = await napd.SendAsync(Keys.Boss, "nodes:remove", "primary");
        var removed = await napd.SendAsync(Keys.Boss, "nodes:remove", "w1");

        Assert.Equal(1, manager.Code);
        Assert.StartsWith("nodes:remove: primary is a manager", manager.Err);
        Assert.True(removed.Code == 0, removed.Err);
        Assert.Equal(["update w1  drain", "remove wrk1 --force"], swarm.Calls);
        Assert.Contains("-----> draining w1", removed.Out);
        Assert.Contains("=====> w1 (10.0.0.2) removed from the cluster", removed.Out);
    }

    [Theory]
    [InlineData("nodes:remove", "use nodes:remove NODE")]
    [InlineData("nodes:label", "use nodes:label NODE K=V...")]
    [InlineData("nodes:join-command --json", "use nodes:join-command")]
    [InlineData("cluster:init now", "use cluster:init")]
    [InlineData("nodes extra", "use nodes [--json]")]
    public async Task A_verb_with_the_wrong_arguments_says_its_usage_and_changes_nothing(string request, string usage)
    {
        var swarm = FakeSwarm.Cluster();
        await using var napd = await StartAsync(swarm);
        var words = request.Split(' ');

        var answer = await napd.SendAsync(Keys.Boss, words[0], words[1..]);

        Assert.Equal(1, answer.Code);
        Assert.Equal(usage + "\n", answer.Err);
        Assert.Empty(swarm.Calls);
    }

    [Fact]
    public async Task Nodes_remove_of_a_node_that_is_down_removes_it_without_a_drain()
    {
        var swarm = FakeSwarm.Cluster();
        swarm.Nodes[2] = swarm.Nodes[2] with { State = "down" };
        await using var napd = await StartAsync(swarm);

        var removed = await napd.SendAsync(Keys.Boss, "nodes:remove", "w2");

        Assert.Equal(0, removed.Code);
        Assert.Equal(["remove wrk2"], swarm.Calls);
        var unknown = await napd.SendAsync(Keys.Boss, "nodes:remove", "w9");
        Assert.Equal("nodes:remove: no node 'w9' in the cluster: nodes lists them\n", unknown.Err);
    }
}
