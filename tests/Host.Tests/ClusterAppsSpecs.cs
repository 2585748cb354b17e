using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>
/// Apps on the three-host cluster (<see cref="ClusterHost"/>): each release is a Swarm service whose tasks run across
/// the nodes, the primary's nginx upstreams to them at NODE_ADDR:PUBLISHED_PORT, and follows them when a node is lost.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class ClusterAppsSpecs(ClusterHost cluster)
{
    readonly NapHost host = cluster.Primary;

    [GeneratedRegex(@"deployed: (http://\S+) \(release (\d+)")]
    private static partial Regex Deployed();

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    async Task<(GitWorkTree App, string Url, ExecResult Push)> PushHelloAsync(string name)
    {
        var app = await GitWorkTree.CreateAsync(host, "hello");
        var push = await app.PushAsync(name);
        var match = Deployed().Match(push.Output);
        Assert.True(match.Success, push.ToString());
        return (app, match.Groups[1].Value, push);
    }

    sealed record TaskRow(string Node, string Address, int Port, string State);

    async Task<(string Service, TaskRow[] Tasks)> PsAsync(string app)
    {
        var ps = await host.Ssh($"ps {app} --json");
        Assert.True(ps.ExitCode == 0, ps.ToString());
        using var json = JsonDocument.Parse(ps.Stdout);
        return (json.RootElement.GetProperty("service").GetString()!, [.. json.RootElement.GetProperty("tasks").EnumerateArray()
            .Select(t => new TaskRow(t.GetProperty("node").GetString()!, t.GetProperty("address").GetString()!, t.GetProperty("port").GetInt32(), t.GetProperty("state").GetString()!))]);
    }

    async Task<string[]> UpstreamAsync(string app) =>
        [.. (await host.Exec("cat", $"/etc/nginx/conf.d/nap-{app}.conf")).Stdout
            .Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("server ", StringComparison.Ordinal) && l.Contains("max_fails=1", StringComparison.Ordinal))
            .Select(l => l["server ".Length..l.IndexOf(' ', "server ".Length)]).Order(StringComparer.Ordinal)];

    async Task<string[]> ServicesAsync(string app) =>
        [.. (await host.Exec("docker", "service", "ls", "--filter", $"label=nap.app={app}", "--format", "{{.Name}}")).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    /// <summary>The old release's service goes in the background after the push answered: wait (bounded) for it.</summary>
    async Task<string[]> ServicesOnceSettledAsync(string app, int expected)
    {
        var services = await ServicesAsync(app);
        for (var until = DateTime.UtcNow.AddSeconds(30); services.Length != expected && DateTime.UtcNow < until; services = await ServicesAsync(app))
            await Task.Delay(250);
        return services;
    }

    [Fact]
    public async Task A_push_runs_as_a_service_whose_task_serves_through_the_front_door_and_ps_json_shows_where()
    {
        var (app, url, push) = await PushHelloAsync("capp-one");
        using var _ = app;

        Assert.Contains("-----> Starting capp-one release 1 as service nap-capp-one-1 (1 task, pulled from " + cluster.RegistryAddress + ")", push.Output);
        Assert.Contains("Hello", await Http.GetStringAsync(url));
        var (service, tasks) = await PsAsync("capp-one");
        Assert.Equal("nap-capp-one-1", service);
        var task = Assert.Single(tasks);
        Assert.Contains(task.Address, cluster.Addresses);
        Assert.Equal("running", task.State);
        Assert.Contains($"runs on {task.Node} {task.Address}:{task.Port}", push.Output);
        Assert.Equal([$"{task.Address}:{task.Port}"], await UpstreamAsync("capp-one"));
        Assert.Contains("proxy_next_upstream error timeout http_502 http_503 http_504;", (await host.Exec("cat", "/etc/nginx/conf.d/nap-capp-one.conf")).Stdout);
        // No systemd instance on the host: the engine runs the release.
        Assert.Equal("", (await host.Exec("systemctl", "list-units", "--all", "--plain", "--no-legend", "nap-capp-one@*.service")).Stdout.Trim());
        Assert.Equal($"{cluster.RegistryAddress}/capp-one:", (await host.Exec("docker", "service", "inspect", "-f", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", service)).Stdout.Trim()[..(cluster.RegistryAddress.Length + 10)]);
    }

    [Fact]
    public async Task Deploying_the_running_revision_again_on_the_cluster_builds_nothing_and_says_where_it_runs()
    {
        var (app, url, _) = await PushHelloAsync("capp-again");
        using var __ = app;
        var (_, tasks) = await PsAsync("capp-again");

        var again = await host.Ssh("deploy capp-again");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"=====> capp-again is already running {(await app.HeadAsync())[..7]}: {url}", again.Output);
        Assert.Contains($"runs on {tasks[0].Node} {tasks[0].Address}:{tasks[0].Port}", again.Output);
        Assert.DoesNotContain("Building", again.Output);
        Assert.Equal(["nap-capp-again-1"], await ServicesAsync("capp-again"));
    }

    [Fact]
    public async Task Ps_scale_3_runs_three_tasks_all_in_the_upstream_and_a_second_push_rolls_with_no_failed_request()
    {
        var (app, url, _) = await PushHelloAsync("capp-scale");
        using var __ = app;

        var scale = await host.Ssh("ps:scale capp-scale 3");
        Assert.True(scale.ExitCode == 0, scale.ToString());
        var (_, tasks) = await PsAsync("capp-scale");
        Assert.Equal(3, tasks.Length);
        Assert.All(tasks, t => Assert.Equal("running", t.State));
        // The engine spreads a service's tasks over the nodes: one on each.
        Assert.Equal(cluster.Addresses.Order(StringComparer.Ordinal), tasks.Select(t => t.Address).Order(StringComparer.Ordinal));
        foreach (var task in tasks)
            Assert.Contains("Hello", (await host.Exec("curl", "-fsS", $"http://{task.Address}:{task.Port}/")).Stdout);
        Assert.Equal(tasks.Select(t => $"{t.Address}:{t.Port}").Order(StringComparer.Ordinal), await UpstreamAsync("capp-scale"));

        await File.WriteAllTextAsync(app.File("www/index.html"), "<h1>Hello from revision two</h1>\n");
        await app.CommitAsync("revision two");
        // A connection per request, as in the lost-worker spec: the roll rewrites the upstream (an nginx reload) as each
        // new task comes and each old one goes, and a reload's closing keep-alive race is nginx's, not a request nap lost
        // (CI counted 1 of 1,388, "An error occurred while sending the request").
        var load = HttpLoad.StartWithoutKeepAlive(url);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var push = await app.PushAsync("capp-scale");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var (served, failures) = await load.StopAsync();

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains("as service nap-capp-scale-2 (3 tasks", push.Output);
        Assert.True(failures.Count == 0, load.Summary());
        Assert.True(served > 0, "the load sent nothing");
        Assert.Contains("revision two", await Http.GetStringAsync(url));
        Assert.Equal(["nap-capp-scale-2"], await ServicesOnceSettledAsync("capp-scale", 1));
        var (service, now) = await PsAsync("capp-scale");
        Assert.Equal("nap-capp-scale-2", service);
        Assert.Equal(now.Select(t => $"{t.Address}:{t.Port}").Order(StringComparer.Ordinal), await UpstreamAsync("capp-scale"));
    }

    [Fact]
    public async Task App_jsons_startup_check_gates_each_task_at_its_node_and_a_failing_one_keeps_the_old_release_serving()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await File.WriteAllTextAsync(app.File("app.json"), """{"healthchecks": {"web": [{"path": "/ready.txt", "content": "ready", "attempts": 2, "wait": 1, "timeout": 2}]}}""");
        await File.WriteAllTextAsync(app.File("www/ready.txt"), "ready\n");
        await app.CommitAsync("startup check");
        var first = await app.PushAsync("capp-checks");
        var match = Deployed().Match(first.Output);
        Assert.True(match.Success, first.ToString());
        await File.WriteAllTextAsync(app.File("www/ready.txt"), "migrating\n");
        await File.WriteAllTextAsync(app.File("www/index.html"), "<h1>Not ready yet</h1>\n");
        await app.CommitAsync("not ready");

        var second = await app.PushAsync("capp-checks");

        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("is not healthy: app.json's check \"/ready.txt\" failed 2 of 2 attempts: GET /ready.txt answered 200 without \"ready\"", second.Output);
        Assert.Contains("Hello from nap", await Http.GetStringAsync(match.Groups[1].Value));
    }

    [Fact]
    public async Task Rollback_runs_the_older_releases_registry_tag_as_a_new_service_without_a_build()
    {
        var (app, url, _) = await PushHelloAsync("capp-back");
        using var __ = app;
        await File.WriteAllTextAsync(app.File("www/index.html"), "<h1>Hello from revision two</h1>\n");
        await app.CommitAsync("revision two");
        Assert.Equal(0, (await app.PushAsync("capp-back")).ExitCode);
        using var releases = JsonDocument.Parse((await host.Ssh("releases capp-back --json")).Stdout);
        var firstTag = releases.RootElement.EnumerateArray().Single(r => r.GetProperty("number").GetInt32() == 1).GetProperty("tag").GetString();

        var rollback = await host.Ssh("rollback capp-back");

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.DoesNotContain("Building", rollback.Stdout);
        Assert.Contains("as service nap-capp-back-3", rollback.Stdout);
        Assert.Equal($"{cluster.RegistryAddress}/capp-back:{firstTag}",
            (await host.Exec("docker", "service", "inspect", "-f", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", "nap-capp-back-3")).Stdout.Trim().Split('@')[0]);
        Assert.DoesNotContain("revision two", await Http.GetStringAsync(url));
    }

    [Fact]
    public async Task A_constraint_no_node_matches_fails_the_push_in_one_line_naming_it_and_the_old_release_keeps_serving()
    {
        var (app, url, _) = await PushHelloAsync("capp-nowhere");
        using var __ = app;
        var before = await UpstreamAsync("capp-nowhere");
        await File.AppendAllTextAsync(app.File("Dockerfile"), "LABEL nap.constraint=\"node.labels.region==nowhere\"\n");
        await app.CommitAsync("placed nowhere");

        var push = await app.PushAsync("capp-nowhere");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("no node matches the constraint node.labels.region==nowhere of nap-capp-nowhere-2", push.Output);
        Assert.Contains("capp-nowhere was not changed", push.Output);
        Assert.Contains("Hello", await Http.GetStringAsync(url));
        Assert.Equal(before, await UpstreamAsync("capp-nowhere"));
        Assert.Equal(["nap-capp-nowhere-1"], await ServicesOnceSettledAsync("capp-nowhere", 1));
        Assert.Equal("nap-capp-nowhere-1", (await PsAsync("capp-nowhere")).Service);
    }

    [Fact]
    public async Task A_node_that_cannot_pull_fails_the_push_with_the_tasks_error_in_one_line_and_the_old_release_keeps_serving()
    {
        var (app, url, _) = await PushHelloAsync("capp-nopull");
        using var __ = app;
        var before = await UpstreamAsync("capp-nopull");
        var worker = cluster.Workers[0];
        var node = (await worker.Exec("hostname")).Stdout.Trim();
        var certs = $"/etc/docker/certs.d/{cluster.RegistryAddress}";
        // The worker no longer trusts the registry, and the new release may only run there.
        (await worker.Exec("mv", certs, certs + ".away")).EnsureSuccess("hiding the registry's CA on a worker");
        (await host.Exec("docker", "node", "update", "--label-add", "nopull=yes", node)).EnsureSuccess("labelling the worker");
        try
        {
            await File.AppendAllTextAsync(app.File("Dockerfile"), "LABEL nap.constraint=\"node.labels.nopull==yes\"\n");
            await app.CommitAsync("only where it cannot pull");

            var push = await app.PushAsync("capp-nopull");

            Assert.NotEqual(0, push.ExitCode);
            var line = Assert.Single(push.Output.Split('\n'), l => l.Contains("task 1 of nap-capp-nopull-2 on " + node + " rejected: ", StringComparison.Ordinal));
            Assert.Contains(cluster.RegistryAddress, line);
            Assert.Contains("capp-nopull was not changed", push.Output);
            Assert.Contains("Hello", await Http.GetStringAsync(url));
            Assert.Equal(before, await UpstreamAsync("capp-nopull"));
            Assert.Equal(["nap-capp-nopull-1"], await ServicesOnceSettledAsync("capp-nopull", 1));
        }
        finally
        {
            await worker.Exec("mv", certs + ".away", certs);
            await host.Exec("docker", "node", "update", "--label-rm", "nopull", node);
        }
    }

    [Fact]
    public async Task Napd_killed_while_a_new_service_comes_up_leaves_the_old_release_serving_and_its_start_removes_the_new_service()
    {
        var (app, url, _) = await PushHelloAsync("capp-killed");
        using var __ = app;
        var before = await UpstreamAsync("capp-killed");
        // Placed nowhere: the new service waits (10 s) for a node while napd is killed.
        await File.AppendAllTextAsync(app.File("Dockerfile"), "LABEL nap.constraint=\"node.labels.region==nowhere\"\n");
        await app.CommitAsync("placed nowhere");

        var pushing = app.PushAsync("capp-killed");
        await host.WaitForAsync("docker service inspect nap-capp-killed-2 >/dev/null 2>&1", "the new service", TimeSpan.FromSeconds(120));
        await host.KillNapdAsync();
        var push = await pushing;

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("Hello", await Http.GetStringAsync(url));
        Assert.Equal(["nap-capp-killed-1"], await ServicesOnceSettledAsync("capp-killed", 1));
        Assert.Equal(before, await UpstreamAsync("capp-killed"));
        Assert.Contains("interrupted: napd stopped during this deploy", (await host.Ssh("releases capp-killed")).Output);
        Assert.Equal("nap-capp-killed-1", (await PsAsync("capp-killed")).Service);
    }

    [Fact]
    public async Task Another_key_cannot_ps_scale_or_see_the_units_of_a_cluster_app()
    {
        var (app, url, _) = await PushHelloAsync("capp-mine");
        using var __ = app;
        var second = await host.AddKeyAsync("capp-other");

        foreach (var verb in new[] { "ps capp-mine --json", "ps:scale capp-mine 5", "units capp-mine", "stop capp-mine", "destroy capp-mine --force" })
        {
            var refused = await host.Ssh(second, [], verb);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("no such app for key capp-other", refused.Stderr);
            Assert.DoesNotContain("nap-capp-mine", refused.Stdout + refused.Stderr);
        }
        Assert.Single((await PsAsync("capp-mine")).Tasks);
        Assert.Contains("Hello", await Http.GetStringAsync(url));
    }

    [Fact]
    public async Task Stop_leaves_the_service_without_tasks_and_start_and_restart_each_run_a_new_service()
    {
        var (app, url, _) = await PushHelloAsync("capp-stop");
        using var __ = app;

        var stop = await host.Ssh("stop capp-stop");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Equal("0/0", (await host.Exec("docker", "service", "ls", "--filter", "name=nap-capp-stop-1", "--format", "{{.Replicas}}")).Stdout.Trim());

        var start = await host.Ssh("start capp-stop");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("as service nap-capp-stop-2", start.Stdout);
        Assert.Contains("Hello", await Http.GetStringAsync(url));
        var restart = await host.Ssh("restart capp-stop");
        Assert.True(restart.ExitCode == 0, restart.ToString());
        Assert.Contains("as service nap-capp-stop-3", restart.Stdout);
        Assert.Equal(["nap-capp-stop-3"], await ServicesOnceSettledAsync("capp-stop", 1));
        using var status = JsonDocument.Parse((await host.Ssh("status capp-stop --json")).Stdout);
        Assert.Equal("active", status.RootElement.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Units_shows_the_service_as_napd_renders_it_and_as_the_engine_has_it_and_destroy_removes_it_with_its_network()
    {
        var (app, _, _) = await PushHelloAsync("capp-units");
        using var __ = app;

        var units = await host.Ssh("units capp-units");
        Assert.True(units.ExitCode == 0, units.ToString());
        Assert.Contains("docker service create \\", units.Stdout);
        Assert.Contains("--name=nap-capp-units-1", units.Stdout);
        Assert.Contains("--publish=mode=host,target=8080", units.Stdout);
        Assert.Contains("as the engine has it", units.Stdout);
        Assert.Contains("\"Name\": \"nap-capp-units-1\"", units.Stdout);

        var destroy = await host.Ssh("destroy capp-units --force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(await ServicesAsync("capp-units"));
        Assert.Equal("", (await host.Exec("docker", "network", "ls", "-q", "--filter", "name=nap-capp-units_overlay")).Stdout.Trim());
    }

    [Fact]
    public async Task A_lost_worker_costs_no_request_it_was_not_answering_its_tasks_come_back_on_the_others_and_the_upstream_follows_them()
    {
        var (app, url, _) = await PushHelloAsync("capp-lost");
        using var __ = app;
        Assert.Equal(0, (await host.Ssh("ps:scale capp-lost 3")).ExitCode);
        var worker = cluster.Workers[^1];
        var lost = worker.Ip;
        Assert.Contains(lost, (await PsAsync("capp-lost")).Tasks.Select(t => t.Address));

        // Every app with a task on the lost worker is rewritten twice (its task gone, its task back), each an nginx reload.
        var load = HttpLoad.StartWithoutKeepAlive(url);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await cluster.StopWorkerAsync(worker);
            // Bounded: the engine marks the node down (~11 s) and runs its task elsewhere (~17 s); the follower moves
            // the upstream on the engine's events and every 2 s.
            var upstream = await UpstreamAsync("capp-lost");
            for (var until = DateTime.UtcNow.AddSeconds(60); (upstream.Length != 3 || upstream.Any(u => u.StartsWith(lost + ":", StringComparison.Ordinal))) && DateTime.UtcNow < until; upstream = await UpstreamAsync("capp-lost"))
                await Task.Delay(500);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var (_, failures) = await load.StopAsync();

            // nginx passes a request on to the next task only while it has sent the client nothing (proxy_next_upstream's
            // docs): a response the lost node's task had begun as the node died is cut short, one per connection at most.
            var unanswered = failures.Where(f => !f.Key.StartsWith(HttpLoad.CutShort, StringComparison.Ordinal)).Sum(f => f.Value);
            var cut = failures.Where(f => f.Key.StartsWith(HttpLoad.CutShort, StringComparison.Ordinal)).Sum(f => f.Value);
            Assert.True(unanswered == 0 && cut <= HttpLoad.DefaultConnections, load.Summary());
            Assert.DoesNotContain(upstream, u => u.StartsWith(lost + ":", StringComparison.Ordinal));
            Assert.Equal(3, upstream.Length);
            var (_, tasks) = await PsAsync("capp-lost");
            Assert.Equal(upstream, tasks.Where(t => t.State == "running").Select(t => $"{t.Address}:{t.Port}").Order(StringComparer.Ordinal));
            Assert.Contains("Hello", await Http.GetStringAsync(url));
        }
        finally
        {
            await load.StopAsync();
            await cluster.StartWorkerAsync(worker);
        }
    }
}
