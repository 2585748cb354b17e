using System.Text.Json;

namespace Nap.Host.Tests;

/// <summary>
/// Environments on the three-host cluster (<see cref="ClusterHost"/>): `promote` takes the image staging's service runs
/// into production's own registry repository under the same dated tag, and production's new service pulls it there; no
/// build runs. A staging whose service serves nothing is not promoted, and another key promotes nothing of the app.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterEnvironmentsSpecs(ClusterHost cluster) : IAsyncLifetime
{
    readonly NapHost host = cluster.Primary;
    readonly List<string> made = [];

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The app deployed to production from master, and a staging environment deployed from develop with its own page.</summary>
    async Task<(GitWorkTree Tree, string ProductionUrl, string StagingUrl)> StagedAsync(string app, string page)
    {
        made.Add(app);
        var tree = await GitWorkTree.CreateAsync(host, "hello");
        var productionUrl = await tree.DeployHelloAsync(app);
        var add = await host.Ssh($"envs:add {app} staging --branch develop");
        Assert.True(add.ExitCode == 0, add.ToString());
        await tree.ChangePageAsync(page);
        var (stagingUrl, _) = FaultHost.AddressOf(await tree.PushAsync(app, refspec: "master:develop"));
        Assert.NotEqual(productionUrl, stagingUrl);
        Assert.Contains(page, await Http.GetStringAsync(stagingUrl));
        return (tree, productionUrl, stagingUrl);
    }

    async Task<JsonElement> CurrentReleaseAsync(string app, string? env = null)
    {
        var releases = await host.Ssh($"releases {app} --json{(env is null ? "" : " --env " + env)}");
        Assert.True(releases.ExitCode == 0, releases.ToString());
        return JsonDocument.Parse(releases.Stdout).RootElement.EnumerateArray().Single(r => r.GetProperty("current").GetBoolean());
    }

    /// <summary>The image a service's tasks run, as its spec names it (without the digest the engine pins).</summary>
    async Task<string> ServiceImageAsync(string service) =>
        (await host.Exec("docker", "service", "inspect", "-f", "{{.Spec.TaskTemplate.ContainerSpec.Image}}", service)).EnsureSuccess("docker service inspect " + service).Stdout.Trim().Split('@')[0];

    async Task<string> ImageIdAsync(string image) =>
        (await host.Exec("docker", "image", "inspect", "--format", "{{.Id}}", image)).EnsureSuccess("image " + image).Stdout.Trim();

    /// <summary>The id of the image the registry holds as <paramref name="image"/>, pulled with napd's credentials as a node pulls it.</summary>
    async Task<string> RegistryImageIdAsync(string image)
    {
        (await host.Exec("env", "DOCKER_CONFIG=/etc/nap/registry-auth", "docker", "pull", "-q", image)).EnsureSuccess("docker pull " + image);
        try
        {
            return await ImageIdAsync(image);
        }
        finally
        {
            await host.Exec("docker", "rmi", image);
        }
    }

    [Fact]
    public async Task Promote_on_the_cluster_pushes_stagings_image_to_productions_repository_and_its_new_service_pulls_it_without_a_build()
    {
        const string App = "cenv-promo";
        var (tree, productionUrl, _) = await StagedAsync(App, "Hello from staging, promoted");
        using var _ = tree;
        var staged = await CurrentReleaseAsync(App, "staging");
        var tag = staged.GetProperty("tag").GetString()!;
        var before = await CurrentReleaseAsync(App);
        // Another key cannot have napd push this app's image or start a service of it.
        var stranger = await host.Ssh(await host.AddKeyAsync("cenv-stranger"), [], $"promote {App} staging production");
        Assert.NotEqual(0, stranger.ExitCode);
        Assert.Contains("no such app for key cenv-stranger", stranger.Stderr);
        Assert.DoesNotContain("Pushing", stranger.Output);

        var promote = await host.Ssh($"promote {App} staging production");

        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.DoesNotContain("Building", promote.Output);
        Assert.DoesNotContain("docker build", promote.Output);
        Assert.Contains($"-----> Pushing {cluster.RegistryAddress}/{App}:{tag}", promote.Output);
        var number = before.GetProperty("number").GetInt32() + 1;
        var service = $"nap-{App}-{number}";
        Assert.Contains($"as service {service} (1 task, pulled from {cluster.RegistryAddress})", promote.Output);
        Assert.Contains("promoted", await Http.GetStringAsync(productionUrl));
        Assert.Equal($"{cluster.RegistryAddress}/{App}:{tag}", await ServiceImageAsync(service));
        var promoted = await CurrentReleaseAsync(App);
        Assert.Equal(number, promoted.GetProperty("number").GetInt32());
        Assert.Equal(tag, promoted.GetProperty("tag").GetString());
        Assert.Equal($"promoted from staging release {staged.GetProperty("number").GetInt32()}", promoted.GetProperty("note").GetString());
        // The push answer says where production's task runs, as a push does.
        var ps = JsonDocument.Parse((await host.Ssh($"ps {App} --json")).EnsureSuccess("ps --json").Stdout).RootElement;
        var task = Assert.Single(ps.GetProperty("tasks").EnumerateArray().ToArray());
        Assert.Contains($"runs on {task.GetProperty("node").GetString()} {task.GetProperty("address").GetString()}:{task.GetProperty("port").GetInt32()}", promote.Output);
        // One image, built once: staging's, production's record and what the registry gives production's nodes.
        var stagingImage = await ImageIdAsync(staged.GetProperty("image").GetString()!);
        Assert.Equal(stagingImage, await ImageIdAsync(promoted.GetProperty("image").GetString()!));
        Assert.Equal(stagingImage, await RegistryImageIdAsync($"{cluster.RegistryAddress}/{App}:{tag}"));
        Assert.Equal(stagingImage, await RegistryImageIdAsync(await ServiceImageAsync($"nap-{App}_staging-{staged.GetProperty("number").GetInt32()}")));
    }

    [Fact]
    public async Task Promoting_a_staging_whose_service_runs_no_task_is_refused_in_one_line_and_production_keeps_serving()
    {
        const string App = "cenv-idle";
        var (tree, productionUrl, _) = await StagedAsync(App, "Hello from staging, never promoted");
        using var _ = tree;
        var staged = await CurrentReleaseAsync(App, "staging");
        var before = await CurrentReleaseAsync(App);
        var stagingService = $"nap-{App}_staging-{staged.GetProperty("number").GetInt32()}";
        // Behind napd's back: the service is still staging's current release, and none of its tasks runs.
        (await host.Exec("docker", "service", "scale", "--detach", stagingService + "=0")).EnsureSuccess("docker service scale " + stagingService);

        var promote = await host.Ssh($"promote {App} staging production");

        Assert.Equal(1, promote.ExitCode);
        var line = Assert.Single(promote.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{App}: environment staging release {staged.GetProperty("number").GetInt32()} is not healthy (service {stagingService} has no running task): nothing promoted", line);
        Assert.DoesNotContain("Pushing", promote.Output);
        Assert.Equal(before.GetProperty("number").GetInt32(), (await CurrentReleaseAsync(App)).GetProperty("number").GetInt32());
        var services = (await host.Exec("docker", "service", "ls", "--filter", $"label=nap.app={App}", "--format", "{{.Name}}")).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([$"nap-{App}-{before.GetProperty("number").GetInt32()}"], services);
        var page = await Http.GetStringAsync(productionUrl);
        Assert.Contains("Hello from nap", page);
        Assert.DoesNotContain("never promoted", page);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Each spec's app and its environments go with it: the collection's later specs meet only the services they made.</summary>
    public async Task DisposeAsync()
    {
        foreach (var app in made)
            await host.Ssh($"destroy {app} --force");
    }
}
