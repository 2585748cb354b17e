using System.Net;
using System.Text;
using Nap.Deployer.Docker;
using Nap.Deployer.Health;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Health;

/// <summary>app.json's startup checks against a real HTTP listener (the cluster's form: an endpoint, no container).</summary>
public sealed class StartupCheckSpecs(DockerFixture docker) : IClassFixture<DockerFixture>, IDisposable
{
    readonly HttpProbe probe = new();

    static Task<string?> Running(CancellationToken _) => Task.FromResult<string?>(null);

    static StartupCheck Check(string path, string? content = null, int attempts = 3) => new(path, path, content, attempts, 2, 0, 0);

    HealthChecker Checker => new(docker.Engine, probe);

    static LocalHttpServer Serving(Func<string, (int Status, string Body)> answer) => new(async context =>
    {
        var (status, body) = answer(context.Request.Url!.PathAndQuery);
        context.Response.StatusCode = status;
        var bytes = Encoding.UTF8.GetBytes(body);
        await context.Response.OutputStream.WriteAsync(bytes);
    });

    static IPEndPoint At(LocalHttpServer server) => new(IPAddress.Loopback, server.Port);

    [Fact]
    public async Task A_check_passes_on_a_2xx_answer_of_its_path_that_holds_its_content()
    {
        using var server = Serving(path => path == "/ready?full=1" ? (200, "db: ok") : (404, "no"));

        var result = await Checker.WaitForAnswerAsync(At(server), [Check("/ready?full=1", "ok")], TimeSpan.FromSeconds(5), Running, default);

        Assert.True(result.Healthy, result.Detail);
        Assert.Equal("app.json's check passed: /ready?full=1", result.Detail);
    }

    [Fact]
    public async Task A_check_whose_answer_lacks_its_content_fails_after_its_attempts_saying_what_it_saw()
    {
        using var server = Serving(_ => (200, "db: migrating"));

        var result = await Checker.WaitForAnswerAsync(At(server), [Check("/ready", "ok", attempts: 2)], TimeSpan.FromSeconds(5), Running, default);

        Assert.False(result.Healthy);
        Assert.Equal("app.json's check \"/ready\" failed 2 of 2 attempts: GET /ready answered 200 without \"ok\"", result.Detail);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task A_redirect_or_a_404_is_not_a_pass_as_it_is_for_naps_own_probe()
    {
        using var server = Serving(_ => (302, ""));

        var result = await Checker.WaitForAnswerAsync(At(server), [Check("/", attempts: 1)], TimeSpan.FromSeconds(5), Running, default);

        Assert.False(result.Healthy);
        Assert.Contains("GET / answered 302", result.Detail);
        Assert.True((await probe.ProbeAsync(server.Port, default)).Healthy);
    }

    [Fact]
    public async Task Checks_run_in_turn_and_the_first_that_fails_decides()
    {
        using var server = Serving(path => path == "/a" ? (200, "") : (503, "down"));

        var result = await Checker.WaitForAnswerAsync(At(server), [Check("/a"), Check("/b", attempts: 1)], TimeSpan.FromSeconds(5), Running, default);

        Assert.False(result.Healthy);
        Assert.StartsWith("app.json's check \"/b\" failed 1 of 1 attempts: GET /b answered 503", result.Detail);
    }

    [Fact]
    public async Task A_check_retries_until_the_app_is_ready()
    {
        var asked = 0;
        using var server = Serving(_ => Interlocked.Increment(ref asked) < 3 ? (503, "starting") : (200, "ready"));

        var result = await Checker.WaitForAnswerAsync(At(server), [Check("/", "ready", attempts: 5)], TimeSpan.FromSeconds(5), Running, default);

        Assert.True(result.Healthy, result.Detail);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task A_release_that_stops_running_ends_the_checks_without_using_its_attempts()
    {
        using var server = Serving(_ => (503, ""));

        var result = await Checker.WaitForAnswerAsync(At(server), [Check("/", attempts: 50)], TimeSpan.FromSeconds(5), _ => Task.FromResult<string?>("the release stopped running"), default);

        Assert.False(result.Healthy);
        Assert.StartsWith("the release stopped running; app.json's check \"/\" failed 1 of 50", result.Detail);
    }

    [Fact]
    public async Task A_running_container_without_a_HEALTHCHECK_is_judged_by_the_checks_not_by_naps_probe()
    {
        using var server = Serving(_ => (404, "not here"));
        var name = await docker.RunAsync([], "/bin/sleep", "60");
        var target = new HealthTarget(name, server.Port, new HealthGate(false, [Check("/", attempts: 1)]));

        var result = await Checker.WaitAsync(target, TimeSpan.FromSeconds(20), Running, default);

        Assert.False(result.Healthy);
        Assert.Contains("GET / answered 404", result.Detail);
        Assert.Equal(ContainerHealth.NoHealthCheck, await docker.Engine.HealthAsync(name, default));
    }

    [Fact]
    public async Task Each_failed_attempt_that_another_follows_is_told_as_it_happens()
    {
        using var server = Serving(_ => (503, "starting"));
        var name = await docker.RunAsync([], "/bin/sleep", "60");
        var told = new List<string>();
        var target = new HealthTarget(name, server.Port, new HealthGate(false, [Check("/", attempts: 3)]));

        var result = await Checker.WaitAsync(target, TimeSpan.FromSeconds(20), Running, default, line => { told.Add(line); return Task.CompletedTask; });

        Assert.False(result.Healthy);
        Assert.Equal(["app.json's check \"/\" failed 1 of 3 attempts: GET / answered 503; again in 0 s", "app.json's check \"/\" failed 2 of 3 attempts: GET / answered 503; again in 0 s"], told);
    }

    public void Dispose() => probe.Dispose();
}
