using System.Text.Json.Nodes;

namespace Nap.Host.Tests;

/// <summary>
/// A host with `nap registry init` run once (its own host: a push to the registry costs about 2 s, and no other class
/// should pay it), napd keeping 2 releases: pushes land their dated tags in the registry, rollbacks pull, retention
/// deletes old tags, a stopped registry rejects a push in one line, a promotion pushes under its target's repository,
/// and a second key sees none of it.
/// </summary>
public sealed class RegistryHostFixture : IAsyncLifetime
{
    public NapHost Host { get; private set; } = null!;

    public ExecResult FirstInit { get; private set; } = null!;

    public string Address => $"{Host.Ip}:5000";

    public async Task InitializeAsync()
    {
        Host = await NapHost.BootAsync();
        var config = JsonNode.Parse((await Host.Exec("cat", "/etc/nap/napd.json")).EnsureSuccess("napd.json").Stdout)!.AsObject();
        config["releasesKept"] = 2;
        (await Host.ExecWithInput(config.ToJsonString(), "sh", "-c", "cat > /etc/nap/napd.json")).EnsureSuccess("releasesKept in napd.json");
        await Host.RestartNapdAsync();
        FirstInit = (await Host.Exec("nap", "registry", "init")).EnsureSuccess("nap registry init");
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
            await Host.DisposeAsync();
    }
}

public sealed class RegistrySpecs(RegistryHostFixture fixture) : IClassFixture<RegistryHostFixture>
{
    readonly NapHost host = fixture.Host;

    /// <summary>The registry's tags of <paramref name="app"/>, asked with napd's credentials over TLS trusting nap's CA.</summary>
    async Task<string> TagsAsync(string app) =>
        (await host.Exec("sh", "-c",
            "curl -sS --cacert /etc/nap/registry-ca/ca.crt -H \"Authorization: Basic $(sed -n 's/.*\"auth\": \"\\(.*\\)\".*/\\1/p' /etc/nap/registry-auth/config.json)\" "
            + $"https://{fixture.Address}/v2/{app}/tags/list")).EnsureSuccess("the registry's tag list").Stdout;

    async Task<string> TagOfAsync(string app, int release, string? env = null)
    {
        var releases = JsonNode.Parse((await host.Ssh($"releases {app} --json{(env is null ? "" : " --env " + env)}")).EnsureSuccess("releases --json").Stdout)!.AsArray();
        return releases.Single(r => (int)r!["number"]! == release)!["tag"]!.GetValue<string>();
    }

    [Fact]
    public async Task Init_sets_up_the_registry_once_and_a_second_run_changes_nothing()
    {
        Assert.Contains("made a CA for the registry", fixture.FirstInit.Stdout);
        Assert.Contains($"the engine trusts it: /etc/docker/certs.d/{fixture.Address}/ca.crt", fixture.FirstInit.Stdout);
        Assert.Contains("restarted docker-registry", fixture.FirstInit.Stdout);

        var again = (await host.Exec("nap", "registry", "init")).EnsureSuccess("nap registry init, again");

        Assert.Equal($"=====> the registry at {fixture.Address} is set up: nothing to change", again.Stdout.Trim());
        Assert.Equal("700", (await host.Exec("stat", "-c", "%a", "/etc/nap/registry-auth")).Stdout.Trim());
        Assert.Contains("{\"errors\":[{\"code\":\"UNAUTHORIZED\"", (await host.Exec("curl", "-sS", "--cacert", "/etc/nap/registry-ca/ca.crt", $"https://{fixture.Address}/v2/")).Stdout);
    }

    [Fact]
    public async Task A_push_lands_its_dated_tag_in_the_registry_which_the_engine_pulls_over_TLS_through_certs_d_alone()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var push = await app.PushAsync("regpush");
        Assert.True(push.ExitCode == 0, push.ToString());
        var tag = await TagOfAsync("regpush", 1);
        Assert.Matches("^[0-9]{8}-[0-9]{6}-" + (await app.HeadAsync())[..7] + "$", tag);
        Assert.Contains($"-----> Pushing {fixture.Address}/regpush:{tag}", push.Output);

        Assert.Contains($"\"tags\":[\"{tag}\"]", await TagsAsync("regpush"));
        Assert.DoesNotContain("insecure-registries", (await host.Exec("sh", "-c", "cat /etc/docker/daemon.json 2>/dev/null; true")).Stdout);
        var pulled = await host.Exec("env", "DOCKER_CONFIG=/etc/nap/registry-auth", "docker", "pull", $"{fixture.Address}/regpush:{tag}");
        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        Assert.Equal("1", (await host.Exec("docker", "image", "inspect", "-f", "{{index .Config.Labels \"nap.release\"}}", $"{fixture.Address}/regpush:{tag}")).Stdout.Trim());
        // Without napd's credentials the engine gets nothing.
        var anonymous = await host.Exec("docker", "pull", $"{fixture.Address}/regpush:{tag}");
        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.Contains("no basic auth credentials", anonymous.Output);
        await host.Exec("docker", "rmi", $"{fixture.Address}/regpush:{tag}");

        var images = (await host.Ssh("images regpush --json")).EnsureSuccess("images --json").Stdout;
        Assert.Contains($"\"tag\":\"{tag}\",\"image\":\"{fixture.Address}/regpush:{tag}\",\"size\":", images);
        Assert.Contains("\"releases\":[1],\"current\":true", images);
        Assert.Matches($@"\*{tag}\s+[0-9.]+ (kB|MB)\s+release 1", (await host.Ssh("images regpush")).Stdout);

        var stranger = await host.AddKeyAsync("registry-stranger");
        var peek = await host.Ssh(stranger, [], "images regpush");
        Assert.NotEqual(0, peek.ExitCode);
        Assert.DoesNotContain(tag, peek.Output);
        Assert.Contains("regpush", peek.Stderr);
        // Nor can it have napd pull the app's image for it: a rollback is the app's own verb too.
        var pull = await host.Ssh(stranger, [], "rollback regpush 1");
        Assert.NotEqual(0, pull.ExitCode);
        Assert.DoesNotContain("Pulling", pull.Output);
    }

    [Fact]
    public async Task Retention_deletes_old_tags_from_the_registry_and_a_rollback_after_the_local_image_is_gone_pulls_and_builds_nothing()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, _) = await app.DeployAsync("regkeep");
        await app.ChangePageAsync("second");
        await app.DeployAsync("regkeep", "second");
        await app.ChangePageAsync("third");
        await app.DeployAsync("regkeep", "third");
        var (first, second, third) = (await TagOfAsync("regkeep", 1), await TagOfAsync("regkeep", 2), await TagOfAsync("regkeep", 3));

        // Two releases are kept: the first's tag goes with its retirement, after the third went live.
        await host.WaitForAsync($"! curl -sS --cacert /etc/nap/registry-ca/ca.crt -H \"Authorization: Basic $(sed -n 's/.*\"auth\": \"\\(.*\\)\".*/\\1/p' /etc/nap/registry-auth/config.json)\" https://{fixture.Address}/v2/regkeep/tags/list | grep -q {first}",
            "retention to delete the first tag", TimeSpan.FromSeconds(30), fail: false);
        var tags = await TagsAsync("regkeep");
        Assert.DoesNotContain(first, tags);
        Assert.Contains(second, tags);
        Assert.Contains(third, tags);
        // The garbage collection follows the deletes, in the same background step, and frees the first's blobs.
        await host.WaitForAsync("journalctl -u nap-registry-gc.service | grep -q 'Finished nap-registry-gc.service'", "the registry's garbage collection", TimeSpan.FromSeconds(30), fail: false);
        var gc = (await host.Exec("journalctl", "--no-pager", "-o", "cat", "-u", "nap-registry-gc.service")).Stdout;
        Assert.Contains("blobs marked", gc);
        Assert.Contains("Deleting blob", gc);
        Assert.Equal("success", (await host.Exec("systemctl", "show", "-P", "Result", "nap-registry-gc.service")).Stdout.Trim());

        // Release 2's image leaves this host under both its names: the rollback finds it in the registry only.
        var names = (await host.Exec("docker", "images", "--format", "{{.Repository}}:{{.Tag}}", "nap/regkeep")).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(n => n.StartsWith("nap/regkeep:2-", StringComparison.Ordinal) || n == $"nap/regkeep:{second}").ToArray();
        Assert.Equal(2, names.Length);
        (await host.Exec(["docker", "rmi", .. names])).EnsureSuccess("docker rmi of release 2's image");

        var rollback = await host.Ssh("rollback regkeep 2");

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains($"-----> Pulling {fixture.Address}/regkeep:{second}", rollback.Output);
        Assert.DoesNotContain("Building", rollback.Output);
        await FaultHost.ServesAsync(url, "second");
        Assert.Equal(second, await TagOfAsync("regkeep", 4));
    }

    [Fact]
    public async Task The_registry_stopped_at_push_time_rejects_the_push_in_one_line_and_the_old_release_keeps_serving()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, release) = await app.DeployAsync("regdown");
        await app.ChangePageAsync("never live");
        ExecResult push;
        try
        {
            (await host.Exec("systemctl", "stop", "docker-registry")).EnsureSuccess("systemctl stop docker-registry");
            push = await app.PushAsync("regdown");
        }
        finally
        {
            (await host.Exec("systemctl", "start", "docker-registry")).EnsureSuccess("systemctl start docker-registry");
        }

        Assert.NotEqual(0, push.ExitCode);
        var problems = push.Stderr.Split('\n').Where(l => l.Contains(" !     ", StringComparison.Ordinal)).ToArray();
        Assert.True(problems.Length == 2, push.ToString());
        Assert.Matches($"^remote:  !     the registry at {System.Text.RegularExpressions.Regex.Escape(fixture.Address)} did not take regdown:[0-9]{{8}}-[0-9]{{6}}-[0-9a-f]{{7}}: .+$", problems[0].TrimEnd());
        Assert.Contains("push rejected: regdown was not changed", problems[1]);
        await FaultHost.ServesAsync(url, "Hello from nap");
        await host.AssertOnlyReleaseAsync("regdown", release, url);
        Assert.Contains("PushFailed", (await host.Ssh("releases regdown")).Stdout);
    }

    [Fact]
    public async Task A_promotion_pushes_stagings_dated_tag_under_productions_repository_first_so_a_rollback_to_it_pulls_it_back()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, release) = await app.DeployAsync("regpromo");
        Assert.Equal(0, (await host.Ssh("envs:add regpromo staging --branch develop")).ExitCode);
        await app.ChangePageAsync("promoted page");
        var (_, staged) = FaultHost.AddressOf(await app.PushAsync("regpromo", refspec: "master:develop"));
        var tag = await TagOfAsync("regpromo", staged, "staging");

        // A registry that does not take it: refused in one line, production serving on.
        ExecResult refused;
        try
        {
            (await host.Exec("systemctl", "stop", "docker-registry")).EnsureSuccess("systemctl stop docker-registry");
            refused = await host.Ssh("promote regpromo staging production");
        }
        finally
        {
            (await host.Exec("systemctl", "start", "docker-registry")).EnsureSuccess("systemctl start docker-registry");
        }
        Assert.NotEqual(0, refused.ExitCode);
        var problems = refused.Stderr.Split('\n').Where(l => l.Contains("!     ", StringComparison.Ordinal)).ToArray();
        Assert.True(problems.Length == 2, refused.ToString());
        Assert.Contains($"the registry at {fixture.Address} did not take regpromo:{tag}: ", problems[0]);
        Assert.Contains("promotion rejected: regpromo was not changed", problems[1]);
        await FaultHost.ServesAsync(url, "Hello from nap");
        await host.AssertOnlyReleaseAsync("regpromo", release, url);
        Assert.Contains("PushFailed", (await host.Ssh("releases regpromo")).Stdout);

        var promote = await host.Ssh("promote regpromo staging production");

        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.Contains($"-----> Pushing {fixture.Address}/regpromo:{tag}", promote.Output);
        Assert.DoesNotContain("Building", promote.Output);
        Assert.Contains(tag, await TagsAsync("regpromo"));
        await FaultHost.ServesAsync(url, "promoted page");
        var (_, promoted) = FaultHost.AddressOf(promote);
        Assert.Equal(tag, await TagOfAsync("regpromo", promoted));

        // Production moves on; the promoted release's image then leaves this host under production's names (staging's
        // stay), so a rollback to it finds it in the registry only, under production's repository.
        await app.ChangePageAsync("after the promotion");
        await app.DeployAsync("regpromo", "after the promotion");
        var names = (await host.Exec("docker", "images", "--format", "{{.Repository}}:{{.Tag}}", "nap/regpromo")).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(n => n.StartsWith($"nap/regpromo:{promoted}-", StringComparison.Ordinal) || n == $"nap/regpromo:{tag}").ToArray();
        Assert.Equal(2, names.Length);
        (await host.Exec(["docker", "rmi", .. names])).EnsureSuccess("docker rmi of the promoted release's names");

        var rollback = await host.Ssh($"rollback regpromo {promoted}");

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains($"-----> Pulling {fixture.Address}/regpromo:{tag}", rollback.Output);
        Assert.DoesNotContain("Building", rollback.Output);
        await FaultHost.ServesAsync(url, "promoted page");
    }
}
