using Nap.Deployer.Docker;
using Nap.Deployer.Health;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Health;

public sealed class HealthCheckerSpecs(DockerFixture docker) : IClassFixture<DockerFixture>, IDisposable
{
    readonly HttpProbe probe = new();

    static Task<string?> Running(CancellationToken _) => Task.FromResult<string?>(null);

    [Fact]
    public async Task An_HTTP_answer_below_500_passes()
    {
        using var server = new LocalHttpServer(404, "not here");

        var result = await probe.ProbeAsync(server.Port, default);

        Assert.True(result.Healthy, result.Detail);
        Assert.Contains("404", result.Detail);
    }

    [Fact]
    public async Task A_500_answer_fails()
    {
        using var server = new LocalHttpServer(500, "broken");

        var result = await probe.ProbeAsync(server.Port, default);

        Assert.False(result.Healthy);
        Assert.Contains("500", result.Detail);
    }

    [Fact]
    public async Task A_port_nothing_listens_on_fails()
    {
        using var server = new LocalHttpServer(200, "ok");
        var port = server.Port;
        server.Dispose();

        var result = await probe.ProbeAsync(port, default);

        Assert.False(result.Healthy);
        Assert.Contains("nothing accepts connections", result.Detail);
    }

    [Fact]
    public async Task A_container_without_HEALTHCHECK_is_healthy_once_its_port_answers_HTTP()
    {
        var port = new LocalHttpServer(200, "x") is var s ? s.Port : 0;
        s.Dispose();
        var name = await docker.RunAsync(["--network", "host"], "/bin/httpd", "-f", "-p", $"127.0.0.1:{port}", "-h", "/www");
        var checker = new HealthChecker(docker.Engine, probe);

        var result = await checker.WaitAsync(new HealthTarget(name, port, HealthGate.Probe), TimeSpan.FromSeconds(20), Running, default);

        Assert.True(result.Healthy, result.Detail);
    }

    [Fact]
    public async Task A_container_whose_HEALTHCHECK_passes_is_healthy_by_docker_s_verdict()
    {
        var name = await docker.RunAsync(["--health-cmd", "true", "--health-interval", "1s"], "/bin/sleep", "60");
        var checker = new HealthChecker(docker.Engine, probe);

        var result = await checker.WaitAsync(new HealthTarget(name, 1, new HealthGate(true, [])), TimeSpan.FromSeconds(20), Running, default);

        Assert.True(result.Healthy, result.Detail);
        Assert.Contains("HEALTHCHECK", result.Detail);
    }

    [Fact]
    public async Task A_container_whose_HEALTHCHECK_fails_is_unhealthy_before_the_timeout()
    {
        var name = await docker.RunAsync(["--health-cmd", "false", "--health-interval", "1s", "--health-retries", "1"], "/bin/sleep", "60");
        var checker = new HealthChecker(docker.Engine, probe);
        var started = DateTime.UtcNow;

        var result = await checker.WaitAsync(new HealthTarget(name, 1, new HealthGate(true, [])), TimeSpan.FromSeconds(30), Running, default);

        Assert.False(result.Healthy);
        Assert.Contains("unhealthy", result.Detail);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_release_that_never_answers_fails_at_the_timeout_saying_what_it_last_saw()
    {
        var name = await docker.RunAsync([], "/bin/sleep", "60");
        var checker = new HealthChecker(docker.Engine, probe);

        var result = await checker.WaitAsync(new HealthTarget(name, 1, HealthGate.Probe), TimeSpan.FromSeconds(2), Running, default);

        Assert.False(result.Healthy);
        Assert.Contains("not healthy within 2 s", result.Detail);
        Assert.Contains("127.0.0.1:1", result.Detail);
    }

    [Theory]
    [InlineData("/bin/sleep", "60")]
    [InlineData("/bin/httpd", "-f", "-p", "127.0.0.1:8080", "-h", "/www")]
    public async Task A_release_nothing_answers_at_its_published_port_is_told_which_port_its_app_must_listen_on(params string[] command)
    {
        var port = FreePorts.One();
        var name = await docker.RunAsync(["-p", $"127.0.0.1:{port}:8080"], command);
        var checker = new HealthChecker(docker.Engine, probe);

        var result = await checker.WaitAsync(new HealthTarget(name, port, HealthGate.Probe), TimeSpan.FromSeconds(2), Running, default);

        Assert.False(result.Healthy);
        Assert.StartsWith("not healthy within 2 s: ", result.Detail);
        Assert.EndsWith("; the app must listen on port 8080 ($PORT) on every address of its container (0.0.0.0, not 127.0.0.1)", result.Detail);
    }

    [Fact]
    public async Task A_release_app_jsons_check_never_got_an_answer_from_is_told_which_port_its_app_must_listen_on()
    {
        var port = FreePorts.One();
        var name = await docker.RunAsync(["-p", $"127.0.0.1:{port}:8080"], "/bin/httpd", "-f", "-p", "127.0.0.1:8080", "-h", "/www");
        var checker = new HealthChecker(docker.Engine, probe);
        var gate = new HealthGate(false, [new StartupCheck("/", "/", null, Attempts: 2, TimeoutSeconds: 1, WaitSeconds: 0, InitialDelaySeconds: 0)]);

        var result = await checker.WaitAsync(new HealthTarget(name, port, gate), TimeSpan.FromSeconds(5), Running, default);

        Assert.False(result.Healthy);
        Assert.StartsWith("app.json's check \"/\" failed 2 of 2 attempts: GET / on ", result.Detail);
        Assert.EndsWith("; the app must listen on port 8080 ($PORT) on every address of its container (0.0.0.0, not 127.0.0.1)", result.Detail);
    }

    [Fact]
    public async Task A_check_the_app_answers_wrongly_gets_no_listen_hint()
    {
        var port = FreePorts.One();
        var name = await docker.RunAsync(["-p", $"127.0.0.1:{port}:8080"], "/bin/httpd", "-f", "-p", "8080", "-h", "/www");
        var checker = new HealthChecker(docker.Engine, probe);
        var gate = new HealthGate(false, [new StartupCheck("/missing", "/missing", null, Attempts: 2, TimeoutSeconds: 1, WaitSeconds: 1, InitialDelaySeconds: 0)]);

        var result = await checker.WaitAsync(new HealthTarget(name, port, gate), TimeSpan.FromSeconds(5), Running, default);

        Assert.False(result.Healthy);
        Assert.EndsWith("failed 2 of 2 attempts: GET /missing answered 404", result.Detail);
    }

    [Fact]
    public async Task The_engine_tells_which_container_port_a_host_port_publishes()
    {
        var port = FreePorts.One();
        var name = await docker.RunAsync(["-p", $"127.0.0.1:{port}:8080", "-p", "127.0.0.1::9090"], "/bin/sleep", "60");

        Assert.Equal(8080, await docker.Engine.PublishedPortAsync(name, port, default));
        Assert.Null(await docker.Engine.PublishedPortAsync(name, 1, default));
        Assert.Null(await docker.Engine.PublishedPortAsync("nap-test-no-such-container", port, default));
    }

    [Fact]
    public async Task A_release_whose_unit_stopped_fails_without_waiting_for_the_timeout()
    {
        var checker = new HealthChecker(docker.Engine, probe);
        var started = DateTime.UtcNow;

        var result = await checker.WaitAsync(new HealthTarget("nap-test-never-created", 1, HealthGate.Probe), TimeSpan.FromSeconds(30), _ => Task.FromResult<string?>("the release stopped running"), default);

        Assert.False(result.Healthy);
        Assert.Contains("stopped running", result.Detail);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_engine_that_stopped_answering_leaves_the_verdict_to_the_units_state()
    {
        using var gone = DockerEngine.Connect(new Uri("unix:///nonexistent/docker.sock"));
        var checker = new HealthChecker(gone, probe);

        var result = await checker.WaitAsync(new HealthTarget("nap-test-any", 1, HealthGate.Probe), TimeSpan.FromSeconds(30),
            _ => Task.FromResult<string?>("the release stopped running"), default);

        Assert.False(result.Healthy);
        Assert.StartsWith("the release stopped running; the Docker engine did not answer (", result.Detail);
    }

    [Fact]
    public async Task Docker_tells_a_missing_container_from_an_exited_one()
    {
        var name = await docker.RunAsync([], "/bin/true");
        for (var i = 0; i < 50 && await docker.Engine.HealthAsync(name, default) != ContainerHealth.Exited; i++)
            await Task.Delay(100);

        Assert.Equal(ContainerHealth.Exited, await docker.Engine.HealthAsync(name, default));
        Assert.Equal(ContainerHealth.Missing, await docker.Engine.HealthAsync("nap-test-no-such-container", default));
    }

    public void Dispose() => probe.Dispose();
}
