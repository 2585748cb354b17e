using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>
/// Issue 16 on a real host with real pushes: a branch per environment, config per environment as the containers see
/// it, promotion of the same image, review apps by branch, access per environment, and the hostile cases (a second
/// key, names that are no DNS labels, an environment named like another app, deleting production's branch).
/// napd.json gets a base domain for this class (napd restarted; put back after), so ENV.APP.nap.test routes too.
/// </summary>
[Collection(FeatureHostCollection.Name)]
public sealed partial class EnvironmentsSpecs(NapHost host) : IAsyncLifetime
{
    const string Base = "nap.test";

    [GeneratedRegex(@"deployed: (http://\S+) \(release (\d+)")]
    private static partial Regex Deployed();

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    string napdJson = "";

    public async Task InitializeAsync()
    {
        napdJson = (await host.Exec("cat", "/etc/nap/napd.json")).EnsureSuccess("napd.json").Stdout;
        var withBase = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(napdJson)!;
        withBase["baseDomain"] = JsonSerializer.SerializeToElement(Base);
        (await host.ExecWithInput(JsonSerializer.Serialize(withBase), "sh", "-c", "cat > /etc/nap/napd.json")).EnsureSuccess("baseDomain in napd.json");
        await host.RestartNapdAsync();
    }

    public async Task DisposeAsync()
    {
        (await host.ExecWithInput(napdJson, "sh", "-c", "cat > /etc/nap/napd.json")).EnsureSuccess("napd.json back");
        await host.RestartNapdAsync();
    }

    static string UrlOf(ExecResult push)
    {
        var match = Deployed().Match(push.Output);
        Assert.True(push.ExitCode == 0 && match.Success, push.ToString());
        return match.Groups[1].Value;
    }

    /// <summary>The page nginx serves for <paramref name="domain"/> on port 80 of the host.</summary>
    Task<ExecResult> ByNameAsync(string domain, string path = "/") =>
        host.Exec("curl", "-sS", "--max-time", "10", "-H", $"Host: {domain}", $"http://127.0.0.1{path}");

    async Task<JsonElement> JsonAsync(string command, SshKey? key = null)
    {
        var result = await host.Ssh(key ?? host.TestKey, [], command);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    async Task<JsonElement> CurrentReleaseAsync(string app, string? env = null) =>
        (await JsonAsync($"releases {app} --json{(env is null ? "" : " --env " + env)}")).EnumerateArray().Single(r => r.GetProperty("current").GetBoolean());

    /// <summary>The value of <paramref name="name"/> in the environment docker gave the container.</summary>
    async Task<string?> ContainerEnvAsync(string container, string name)
    {
        var env = (await host.Exec("docker", "inspect", "--format", "{{json .Config.Env}}", container)).EnsureSuccess("docker inspect " + container);
        return JsonSerializer.Deserialize<string[]>(env.Stdout)!.Where(e => e.StartsWith(name + "=", StringComparison.Ordinal)).Select(e => e[(name.Length + 1)..]).SingleOrDefault();
    }

    async Task<string> ImageIdAsync(string image) =>
        (await host.Exec("docker", "image", "inspect", "--format", "{{.Id}}", image)).EnsureSuccess("image " + image).Stdout.Trim();

    async Task<(GitWorkTree Tree, string ProductionUrl)> AppWithStagingAsync(string app)
    {
        var tree = await GitWorkTree.CreateAsync(host, "hello");
        var url = await tree.DeployHelloAsync(app);
        var add = await host.Ssh($"envs:add {app} staging --branch develop");
        Assert.True(add.ExitCode == 0, add.ToString());
        return (tree, url);
    }

    [Fact]
    public async Task Develop_deploys_staging_while_production_keeps_its_release_and_each_sees_its_own_config()
    {
        const string App = "env-stage";
        var (tree, productionUrl) = await AppWithStagingAsync(App);
        using var _ = tree;
        var production = await CurrentReleaseAsync(App);
        await File.WriteAllTextAsync(tree.File("www/index.html"), "<p>Hello from nap, staging</p>\n");
        await tree.CommitAsync("staging page");

        var push = await tree.PushAsync(App, refspec: "master:develop");

        var stagingUrl = UrlOf(push);
        Assert.NotEqual(productionUrl, stagingUrl);
        Assert.Contains("staging", await Http.GetStringAsync(stagingUrl));
        Assert.DoesNotContain("staging", await Http.GetStringAsync(productionUrl));
        Assert.Equal(production.GetProperty("number").GetInt32(), (await CurrentReleaseAsync(App)).GetProperty("number").GetInt32());
        Assert.Contains("staging", (await ByNameAsync($"staging.{App}.{Base}")).Stdout);
        Assert.DoesNotContain("staging", (await ByNameAsync($"{App}.{Base}")).Stdout);

        Assert.Equal(0, (await host.Ssh($"config:set {App} GREETING=from-production")).ExitCode);
        Assert.Equal(0, (await host.Ssh($"config:set {App} GREETING=from-staging --env staging")).ExitCode);

        var prod = (await CurrentReleaseAsync(App)).GetProperty("number").GetInt32();
        var stage = (await CurrentReleaseAsync(App, "staging")).GetProperty("number").GetInt32();
        Assert.Equal("from-production", await ContainerEnvAsync($"nap-{App}-{prod}", "GREETING"));
        Assert.Equal("from-staging", await ContainerEnvAsync($"nap-{App}.staging-{stage}", "GREETING"));
        var status = await JsonAsync($"status {App} --env staging --json");
        Assert.Equal(("staging", App, "active"), (status.GetProperty("environment").GetString(), status.GetProperty("app").GetString(), status.GetProperty("state").GetString()));
        var apps = (await JsonAsync("apps --json")).EnumerateArray().Where(a => a.GetProperty("name").GetString() == App).ToArray();
        Assert.Equal([("production", "master or main", $"http://{App}.{Base}/"), ("staging", "develop", $"http://staging.{App}.{Base}/")],
            apps.Select(a => (a.GetProperty("environment").GetString(), a.GetProperty("branch").GetString(), a.GetProperty("address").GetString())));
    }

    [Fact]
    public async Task Promote_gives_production_stagings_image_without_a_build_and_rollback_returns_to_productions_own()
    {
        const string App = "env-promo";
        var (tree, productionUrl) = await AppWithStagingAsync(App);
        using var _ = tree;
        var first = await CurrentReleaseAsync(App);
        await File.WriteAllTextAsync(tree.File("www/index.html"), "<p>Hello from nap, promoted</p>\n");
        await tree.CommitAsync("to promote");
        UrlOf(await tree.PushAsync(App, refspec: "master:develop"));
        var staged = await CurrentReleaseAsync(App, "staging");

        var promote = await host.Ssh($"promote {App} staging production");

        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.DoesNotContain("Building", promote.Output);
        Assert.Contains("promoted", await Http.GetStringAsync(productionUrl));
        var promoted = await CurrentReleaseAsync(App);
        Assert.Equal($"promoted from staging release {staged.GetProperty("number").GetInt32()}", promoted.GetProperty("note").GetString());
        Assert.Equal(await ImageIdAsync(staged.GetProperty("image").GetString()!), await ImageIdAsync(promoted.GetProperty("image").GetString()!));
        Assert.Equal(staged.GetProperty("revision").GetString(), promoted.GetProperty("revision").GetString());

        var rollback = await host.Ssh($"rollback {App}");

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains($"rollback to {first.GetProperty("number").GetInt32()}", rollback.Output);
        Assert.DoesNotContain("promoted", await Http.GetStringAsync(productionUrl));
        Assert.Equal(first.GetProperty("revision").GetString(), (await CurrentReleaseAsync(App)).GetProperty("revision").GetString());
        Assert.Equal(staged.GetProperty("number").GetInt32(), (await CurrentReleaseAsync(App, "staging")).GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task Promoting_an_environment_that_is_stopped_is_refused_with_nothing_changed()
    {
        const string App = "env-stopped";
        var (tree, _) = await AppWithStagingAsync(App);
        using var __ = tree;
        UrlOf(await tree.PushAsync(App, refspec: "master:develop"));
        Assert.Equal(0, (await host.Ssh($"stop {App} --env staging")).ExitCode);
        var before = await CurrentReleaseAsync(App);

        var promote = await host.Ssh($"promote {App} staging production");

        Assert.Equal(1, promote.ExitCode);
        Assert.Contains("environment staging runs nothing to promote", promote.Stderr);
        Assert.Equal(before.GetProperty("number").GetInt32(), (await CurrentReleaseAsync(App)).GetProperty("number").GetInt32());
    }

    [Fact]
    public async Task A_review_branch_gets_its_own_address_and_disappears_when_the_branch_is_deleted()
    {
        const string App = "env-review";
        using var tree = await GitWorkTree.CreateAsync(host, "hello");
        await tree.DeployHelloAsync(App);
        Assert.Equal(0, (await host.Ssh($"envs:review {App} on --ttl 2d")).ExitCode);

        var push = await tree.PushAsync(App, refspec: "master:Feature/Login_Page");

        var url = UrlOf(push);
        var review = Regex.Match(push.Output, $@"review app (feature-login-page-[0-9a-f]{{6}}) of {App}: http://\1\.{App}\.{Base}/");
        Assert.True(review.Success, push.ToString());
        var env = review.Groups[1].Value;
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
        Assert.Contains("Hello from nap", (await ByNameAsync($"{env}.{App}.{Base}")).Stdout);
        var listed = (await JsonAsync($"envs {App} --json")).EnumerateArray().Single(e => e.GetProperty("environment").GetString() == env);
        Assert.True(listed.GetProperty("review").GetBoolean());
        Assert.Equal("Feature/Login_Page", listed.GetProperty("branch").GetString());

        var delete = await tree.PushAsync(App, refspec: ":Feature/Login_Page");

        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains($"review app {env} of {App} removed with its branch", delete.Output);
        Assert.Equal(["production"], (await JsonAsync($"envs {App} --json")).EnumerateArray().Select(e => e.GetProperty("environment").GetString()));
        Assert.Equal("", (await host.Exec("docker", "ps", "-a", "--filter", $"name=nap-{App}.{env}", "--format", "{{.Names}}")).Stdout.Trim());
        Assert.False((await host.Exec("test", "-e", $"/etc/nginx/conf.d/nap-{App}.{env}.conf")).ExitCode == 0);
        Assert.NotEqual(0, (await Run.Async("curl", ["-sS", "--max-time", "5", url])).ExitCode);
    }

    [Fact]
    public async Task A_staging_only_key_deploys_staging_and_is_refused_on_production_with_nothing_changed()
    {
        const string App = "env-keys";
        var (tree, productionUrl) = await AppWithStagingAsync(App);
        using var _ = tree;
        var stager = await host.AddKeyAsync("env-stager");
        Assert.Equal(0, (await host.Ssh($"access:add {App} env-stager --env staging")).ExitCode);

        var staging = await tree.PushAsync(App, stager, "master:develop");
        UrlOf(staging);
        await tree.CommitAsync("a change for production");
        var before = await host.SnapshotAsync();
        var production = await tree.PushAsync(App, stager, "master");
        var config = await host.Ssh(stager, [], $"config:set {App} X=1");
        var promote = await host.Ssh(stager, [], $"promote {App} staging production");

        Assert.NotEqual(0, production.ExitCode);
        Assert.Contains($"deploys environment production: {App}: key env-stager has no access to environment production (it may use staging only", production.Output);
        Assert.Equal(1, config.ExitCode);
        Assert.Contains("has no access to environment production", config.Stderr);
        Assert.Equal(1, promote.ExitCode);
        Assert.Contains("has no access to environment production", promote.Stderr);
        Assert.Equal(before, await host.SnapshotAsync());
        await HostileHost.AssertStillServesAsync(productionUrl);
        Assert.Equal(0, (await host.Ssh(stager, [], $"config:set {App} X=1 --env staging")).ExitCode);
    }

    [Fact]
    public async Task A_key_removed_without_env_loses_its_staging_grant_too_and_its_push_to_develop_changes_nothing()
    {
        const string App = "env-revoke";
        var (tree, productionUrl) = await AppWithStagingAsync(App);
        using var _ = tree;
        var stager = await host.AddKeyAsync("env-revoked");
        Assert.Equal(0, (await host.Ssh($"access:add {App} env-revoked --env staging")).ExitCode);
        UrlOf(await tree.PushAsync(App, stager, "master:develop"));

        var removed = await host.Ssh($"access:remove {App} env-revoked");
        await tree.CommitAsync("a change after the key was removed");
        var before = await host.SnapshotAsync();
        var push = await tree.PushAsync(App, stager, "master:develop");
        var config = await host.Ssh(stager, [], $"config:set {App} X=1 --env staging");

        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Contains($"{App}: key env-revoked no longer has access (removed from staging)", removed.Stdout);
        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains($"{App}: access denied for key env-revoked", push.Output);
        Assert.Equal(1, config.ExitCode);
        Assert.Equal(before, await host.SnapshotAsync());
        Assert.DoesNotContain("env-revoked", (await host.Ssh($"access {App}")).Stdout);
        await HostileHost.AssertStillServesAsync(productionUrl);
    }

    [Fact]
    public async Task An_environment_named_like_another_keys_app_reaches_nothing_of_it()
    {
        const string App = "env-neighbour";
        using var tree = await GitWorkTree.CreateAsync(host, "hello");
        var theirUrl = await tree.DeployHelloAsync(App);
        var other = await host.AddKeyAsync("env-other");
        using var own = await GitWorkTree.CreateAsync(host, "hello");
        await own.DeployHelloAsync("env-mine", other);
        var before = await host.SnapshotAsync();

        var add = await host.Ssh(other, [], $"envs:add env-mine {App} --branch develop");
        var reach = await host.Ssh(other, [], $"config {App} --env staging");
        var domain = await host.Ssh(other, [], $"domains:add env-mine staging.{App}.{Base}");
        var push = await own.PushAsync("env-mine", other, "master:develop");

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal(1, reach.ExitCode);
        Assert.Contains($"{App}: no such app for key env-other", reach.Stderr);
        Assert.Equal(1, domain.ExitCode);
        Assert.Contains($"is the name of environment staging of app {App}", domain.Stderr);
        UrlOf(push);
        Assert.Equal(0, (await host.Exec("test", "-e", $"/etc/nginx/conf.d/nap-env-mine.{App}.conf")).ExitCode);
        await HostileHost.AssertStillServesAsync(theirUrl);
        Assert.Contains($"nap-{App}.conf", before);
    }

    [Fact]
    public async Task Names_that_are_no_dns_labels_are_refused_in_one_line_with_nothing_changed()
    {
        const string App = "env-names";
        using var tree = await GitWorkTree.CreateAsync(host, "hello");
        await tree.DeployHelloAsync(App);
        var before = await host.SnapshotAsync();

        foreach (var (command, reason) in new[]
        {
            ($"envs:add {App} Staging --branch develop", "not a valid environment name"),
            ($"envs:add {App} 'a.b' --branch develop", "not a valid environment name"),
            ($"envs:add {App} qa --branch '../x'", "is not a branch name napd takes"),
            ($"envs:add {App} qa --branch 'x;rm -rf /'", "is not a branch name napd takes"),
            ($"config {App} --env '../../etc'", "not a valid environment name"),
            ($"envs:remove {App} production", "production is the app itself"),
        })
        {
            var result = await host.Ssh(command);
            Assert.True(result.ExitCode == 1, command + "\n" + result);
            Assert.Contains(reason, result.Stderr);
        }
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Fact]
    public async Task Deleting_the_branch_production_runs_is_refused_and_it_keeps_serving()
    {
        const string App = "env-delete";
        var (tree, productionUrl) = await AppWithStagingAsync(App);
        using var _ = tree;
        UrlOf(await tree.PushAsync(App, refspec: "master:develop"));

        var master = await tree.PushAsync(App, refspec: ":master");
        var develop = await tree.PushAsync(App, refspec: ":develop");

        Assert.NotEqual(0, master.ExitCode);
        Assert.Contains($"refs/heads/master is what {App} runs: it cannot be deleted while the app runs", master.Output);
        Assert.NotEqual(0, develop.ExitCode);
        Assert.Contains($"envs:remove {App} staging", develop.Output);
        await HostileHost.AssertStillServesAsync(productionUrl);
        var refs = await tree.GitAsync("ls-remote", $"nap@{host.Ip}:{App}");
        Assert.Contains("refs/heads/master", refs.Stdout);
        Assert.Contains("refs/heads/develop", refs.Stdout);
    }

    [Fact]
    public async Task Envs_remove_stops_and_removes_the_environment_and_production_serves_on()
    {
        const string App = "env-remove";
        var (tree, productionUrl) = await AppWithStagingAsync(App);
        using var _ = tree;
        var stagingUrl = UrlOf(await tree.PushAsync(App, refspec: "master:develop"));

        var remove = await host.Ssh($"envs:remove {App} staging");

        Assert.True(remove.ExitCode == 0, remove.ToString());
        Assert.Equal("", (await host.Exec("docker", "ps", "-a", "--filter", $"name=nap-{App}.staging", "--format", "{{.Names}}")).Stdout.Trim());
        Assert.Equal("", (await host.Exec("sh", "-c", $"ls /etc/systemd/system | grep 'nap-{App}.staging' || true")).Stdout.Trim());
        Assert.NotEqual(0, (await host.Exec("docker", "network", "inspect", $"nap-{App}.staging")).ExitCode);
        Assert.NotEqual(0, (await Run.Async("curl", ["-sS", "--max-time", "5", stagingUrl])).ExitCode);
        await HostileHost.AssertStillServesAsync(productionUrl);
        Assert.Equal(0, (await host.Ssh($"destroy {App} --force")).ExitCode);
    }

    [Fact]
    public async Task Napd_at_its_start_removes_a_review_app_past_its_ttl_and_puts_the_other_environments_back()
    {
        const string App = "env-expiry";
        var (tree, productionUrl) = await AppWithStagingAsync(App);
        using var _ = tree;
        var stagingUrl = UrlOf(await tree.PushAsync(App, refspec: "master:develop"));
        Assert.Equal(0, (await host.Ssh($"envs:review {App} on --ttl 1h")).ExitCode);
        var reviewUrl = UrlOf(await tree.PushAsync(App, refspec: "master:old-feature"));
        // Its last push an hour and more ago, as napd would find it after the ttl: written by root, as napd writes it.
        (await host.Exec("sed", "-i", "s/\"lastPush\": \"[^\"]*\"/\"lastPush\": \"2020-01-01T00:00:00+00:00\"/", $"/var/lib/nap/apps/{App}.old-feature/app.json")).EnsureSuccess("lastPush in the past");

        await host.RestartNapdAsync();

        string[] envs = [];
        for (var i = 0; i < 120 && (envs = [.. (await JsonAsync($"envs {App} --json")).EnumerateArray().Select(e => e.GetProperty("environment").GetString()!)]).Length > 2; i++)
            await Task.Delay(250);
        Assert.Equal(["production", "staging"], envs);
        Assert.Equal("", (await host.Exec("docker", "ps", "-a", "--filter", $"name=nap-{App}.old-feature", "--format", "{{.Names}}")).Stdout.Trim());
        Assert.NotEqual(0, (await Run.Async("curl", ["-sS", "--max-time", "5", reviewUrl])).ExitCode);
        await HostileHost.AssertStillServesAsync(productionUrl);
        await HostileHost.AssertStillServesAsync(stagingUrl);
    }
}
