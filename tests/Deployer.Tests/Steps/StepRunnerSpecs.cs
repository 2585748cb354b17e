using CliWrap;
using CliWrap.Buffered;
using Nap.Deployer.Steps;
using Nap.Deployer.Tests.Support;
using Nap.Protocol;
using Nap.UnitGen.Model;
using Nap.UnitGen.Rendering;

namespace Nap.Deployer.Tests.Steps;

/// <summary>Steps in containers of the machine's real engine (busybox), as napd runs them after a build.</summary>
public sealed class StepRunnerSpecs : IClassFixture<DockerFixture>, IDisposable
{
    readonly TestDir dir = new();
    readonly string app = "st" + Guid.NewGuid().ToString("N")[..8];

    StepTarget Target(string? env = null)
    {
        var envFile = Path.Combine(dir.Path, "env");
        File.WriteAllText(envFile, env ?? "");
        return new StepTarget(app, 3, new ImageConfig { BaseImage = DockerFixture.Image }, new UnitOptions
        {
            App = app,
            Revision = "0123456789abcdef0123456789abcdef01234567",
            ContextDir = dir.Path,
            Image = DockerFixture.Image,
            Template = true,
            EnvFile = envFile,
            DataDir = dir.Path,
            PidsLimit = 64,
        });
    }

    StepRunner Runner => new(new NapPaths(dir.Path, dir.Sub("etc"), dir.Sub("run")));

    static PipelineStep Step(string name, TimeSpan? timeout = null, params string[] commands) => new(name, commands, timeout ?? TimeSpan.FromMinutes(1), 1);

    async Task<string> ContainersAsync() =>
        (await Cli.Wrap("docker").WithArguments(["ps", "-a", "--filter", $"label={StepRun.Label}={app}", "--format", "{{.Names}}"]).ExecuteBufferedAsync()).StandardOutput.Trim();

    [Fact]
    public async Task A_step_streams_its_output_under_its_header_with_the_apps_config()
    {
        var reply = new RecordingReply();

        var failure = await Runner.RunAsync(Target("GREETING=hello-from-config\n"), Step("greet", null, "echo greeting=$GREETING", "echo to stderr >&2"), reply, default);

        Assert.Null(failure);
        Assert.Equal(RemoteLines.Step("step greet"), reply.Lines[0]);
        Assert.Contains(RemoteLines.Detail("greeting=hello-from-config"), reply.Lines);
        Assert.Contains(RemoteLines.Detail("to stderr"), reply.Lines);
        Assert.Equal("", await ContainersAsync());
    }

    [Fact]
    public async Task A_failing_command_ends_the_step_with_its_exit_code_and_last_lines()
    {
        var reply = new RecordingReply();

        var failure = await Runner.RunAsync(Target(), [Step("one", null, "echo first"), Step("two", null, "echo testing", "exit 3", "echo never"), Step("three", null, "echo never either")], reply, default);

        Assert.Equal("step two failed with exit code 3", failure?.Reason);
        Assert.Equal(["testing"], failure?.LastLines);
        Assert.DoesNotContain(reply.Lines, l => l.Contains("never", StringComparison.Ordinal));
        Assert.Equal("", await ContainersAsync());
    }

    [Fact]
    public async Task A_step_past_its_timeout_is_stopped_and_its_container_removed()
    {
        var started = DateTime.UtcNow;

        var failure = await Runner.RunAsync(Target(), Step("slow", TimeSpan.FromSeconds(1), "echo waiting", "sleep 60"), new RecordingReply(), default);

        Assert.Equal("step slow did not finish within 1s (its \"timeout\" in app.json)", failure?.Reason);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
        Assert.Equal("", await ContainersAsync());
    }

    [Fact]
    public async Task A_step_cannot_forge_lines_or_send_escape_sequences_and_long_lines_are_cut()
    {
        var reply = new RecordingReply();

        await Runner.RunAsync(Target(), Step("noisy", null, "echo -e 'a\\033[31mb\\rc'", $"echo {new string('x', 10_000)}"), reply, default);

        Assert.Contains(RemoteLines.Detail("a?[31mb?c"), reply.Lines);
        Assert.Contains(RemoteLines.Detail(new string('x', StepOutput.MaxLineBytes)), reply.Lines);
    }

    [Fact]
    public async Task A_client_gone_cancels_the_step_and_removes_its_container()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Runner.RunAsync(Target(), Step("long", null, "sleep 60"), new RecordingReply(), cts.Token));

        Assert.Equal("", await ContainersAsync());
    }

    public void Dispose() => dir.Dispose();
}
