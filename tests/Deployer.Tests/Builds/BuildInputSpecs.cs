using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Settings;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Builds;

/// <summary>
/// What a pushed Dockerfile may ask of the host before its build starts (issue 21): a real napd over its socket,
/// real git and real fetches against servers on this machine; systemd replaced by a recorder, so "the build unit was
/// started" is a recorded call. The builds themselves are host specs (HostileBuildSpecs).
/// </summary>
public sealed class BuildInputSpecs : IAsyncLifetime
{
    const string App = "shop";
    const string Secret = "TOP-SECRET-LOCAL-PAGE";
    readonly RecordingSystemd systemd = new("inactive");
    readonly LocalHttpServer hostLocal = new(200, Secret);
    readonly TestDir units = new();
    TestNapd napd = null!;

    public Task InitializeAsync() => StartAsync(c => c);

    async Task StartAsync(Func<NapdConfig, NapdConfig> config, Action<IServiceCollection>? services = null)
    {
        if (napd is not null)
            await napd.DisposeAsync();
        napd = await TestNapd.StartAsync(s => { systemd.Register(s); services?.Invoke(s); }, c => config(c.WithSystemdDir(units.Path)));
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "git-receive-pack", App)).Code);
    }

    async Task<Answer> DeployAsync(string dockerfile)
    {
        var work = napd.Dir.Sub("work");
        await Git.CommitAsync(work, new Dictionary<string, string> { ["Dockerfile"] = dockerfile });
        Git.Check(await Git.RunAsync(napd.Paths.Repo(App), null, "fetch", "-q", "-f", work, "+HEAD:refs/heads/master"));
        return await napd.SendAsync(Keys.Alice, "deploy", App);
    }

    bool BuildStarted => systemd.Calls.Contains("start nap-shop-build.service");

    [Theory]
    [InlineData("http://127.0.0.1:{0}/", "http://127.0.0.1:{0}/ is refused: 127.0.0.1 is a loopback address")]
    [InlineData("http://localhost:{0}/secret", "http://localhost:{0}/secret is refused: localhost resolves to")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "http://169.254.169.254/latest/meta-data/ is refused: 169.254.169.254 is link-local")]
    [InlineData("http://10.1.2.3:{0}/", "http://10.1.2.3:{0}/ is refused: 10.1.2.3 is a private address")]
    public async Task An_add_url_that_leads_off_the_public_internet_rejects_the_push_with_its_line_and_builds_nothing(string url, string reason)
    {
        var answer = await DeployAsync($"FROM local/busybox:latest\nWORKDIR /app\nADD {string.Format(url, hostLocal.Port)} /loot\nRUN cat /loot\n");

        Assert.Equal(1, answer.Code);
        Assert.Contains($" !     Dockerfile:3: ADD: {string.Format(reason, hostLocal.Port)}", answer.Err);
        Assert.Contains("nap fetches ADD URLs from the public internet only", answer.Err);
        Assert.DoesNotContain(Secret, answer.Out + answer.Err);
        Assert.Equal(0, hostLocal.Requests);
        Assert.False(BuildStarted);
    }

    [Fact]
    public async Task A_syntax_line_rejects_the_push_with_its_line_and_how_to_allow_it()
    {
        var answer = await DeployAsync("#!/usr/bin/env docker\n# syntax=docker/dockerfile:1\nFROM local/busybox:latest\n");

        Assert.Equal(1, answer.Code);
        Assert.Contains(" !     Dockerfile:2: syntax=docker/dockerfile:1 would have the engine pull that image and run it as this build's frontend; nap builds with the engine's own: remove the line, or have the host's admin add \"docker/dockerfile:1\" to buildFrontends in /etc/nap/napd.json", answer.Err);
        Assert.False(BuildStarted);
    }

    [Fact]
    public async Task A_syntax_line_napd_json_allows_goes_on_to_the_build()
    {
        await StartAsync(c => c.WithBuildFrontends("docker/dockerfile:1.7"));

        var answer = await DeployAsync("# syntax=docker/dockerfile:1.7\nFROM local/busybox:latest\n");

        Assert.DoesNotContain("frontend", answer.Err);
        Assert.True(BuildStarted, answer.Err);
    }

    [Theory]
    [InlineData("RUN --network=host cat /etc/hosts", "RUN: --network=host would give this step the host's network")]
    [InlineData("RUN --security=insecure id", "RUN: --security=insecure would run this step with the host's privileges")]
    [InlineData("ADD git@10.0.0.2:repo.git /src", "ADD: git@10.0.0.2:repo.git is a git repository")]
    [InlineData("ONBUILD ADD http://127.0.0.1:8099/ /loot", "ONBUILD: ADD http://127.0.0.1:8099/ could have the engine of whoever builds FROM this image fetch a URL")]
    public async Task A_step_that_would_leave_the_sandbox_rejects_the_push_with_its_line(string step, string reason)
    {
        var answer = await DeployAsync($"FROM local/busybox:latest\n\n{step}\n");

        Assert.Equal(1, answer.Code);
        Assert.Contains($" !     Dockerfile:3: {reason}", answer.Err);
        Assert.False(BuildStarted);
    }

    [Fact]
    public async Task An_add_url_of_a_private_host_napd_json_names_is_fetched_and_the_engine_gets_a_copy_of_it_instead()
    {
        await StartAsync(c => c.WithAddPrivateHosts(ArtifactServer.Name), s => s.AddSingleton(ArtifactServer.Fetch()));

        var answer = await DeployAsync($"FROM local/busybox:latest\nADD --chmod=644 http://artifacts.test:{hostLocal.Port}/app.jar /opt/\n");

        Assert.Contains($"-----> Fetching the Dockerfile's ADD URLs (1)", answer.Out);
        Assert.Contains($"       http://artifacts.test:{hostLocal.Port}/app.jar: {Secret.Length} bytes", answer.Out);
        Assert.True(BuildStarted, answer.Err);
        var build = File.ReadAllText(Path.Combine(units.Path, "nap-shop-build.service"));
        var dockerfile = Path.Combine(napd.Paths.Release(App, 1), "build", "Dockerfile");
        Assert.Contains($"--file {dockerfile}", build);
        Assert.Contains($"Environment=EXPERIMENTAL_BUILDKIT_SOURCE_POLICY={Path.Combine(napd.Paths.Release(App, 1), "build", "source-policy.json")}", build);
        Assert.Equal("FROM local/busybox:latest\nCOPY --from=nap-add/shop:1 --chmod=\"644\" /2.1/app.jar /opt/\n", File.ReadAllText(dockerfile));
        Assert.Equal(1, hostLocal.Requests);
    }

    public async Task DisposeAsync()
    {
        await napd.DisposeAsync();
        hostLocal.Dispose();
        units.Dispose();
    }
}
