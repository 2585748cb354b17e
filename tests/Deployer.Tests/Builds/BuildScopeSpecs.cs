using CliWrap;
using CliWrap.Buffered;
using Nap.Deployer.Tests.Support;
using Nap.UnitGen;
using Nap.UnitGen.Rendering;

namespace Nap.Deployer.Tests.Builds;

/// <summary>
/// Two apps' build units, as napd renders them (each with its app's build scope), run on the machine's engine:
/// one app's build cannot reach the other's cache mounts, nor reuse a step the other ran. The same builds under one
/// scope do share both, so each spec would see a leak.
/// </summary>
public sealed class BuildScopeSpecs(DockerFixture docker) : IClassFixture<DockerFixture>, IAsyncLifetime
{
    readonly string root = Directory.CreateTempSubdirectory("nap-build-scope-").FullName;
    readonly List<string> images = [];

    const string Poison = $"""
        FROM {DockerFixture.Image}
        COPY round /round
        RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,id=deps,target=/deps echo poisoned > /root/.m2/dep && echo poisoned > /deps/dep
        """;

    const string Reader = $"""
        FROM {DockerFixture.Image}
        COPY round /round
        RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,id=deps,target=/deps busybox cat /root/.m2/dep /deps/dep > /seen 2>&1; true
        """;

    const string Token = $"""
        FROM {DockerFixture.Image}
        RUN busybox head -c 16 /dev/urandom | busybox od -x > /token
        """;

    static string NewScope() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Another_apps_build_cannot_reach_an_apps_cache_mounts_by_target_or_by_id()
    {
        var (one, two) = (NewScope(), NewScope());
        await BuildAsync("two", two, Poison);

        var seenByOne = await ReadAsync(await BuildAsync("one", one, Reader), "/seen");
        var seenByTwo = await ReadAsync(await BuildAsync("two", two, Reader), "/seen");

        Assert.DoesNotContain("poisoned", seenByOne);
        Assert.Equal("poisoned\npoisoned\n", seenByTwo);
    }

    [Fact]
    public async Task No_build_reuses_a_step_another_app_ran_and_an_app_reuses_its_own()
    {
        var (one, two) = (NewScope(), NewScope());

        var first = await ReadAsync(await BuildAsync("one", one, Token), "/token");
        var again = await ReadAsync(await BuildAsync("one", one, Token), "/token");
        var other = await ReadAsync(await BuildAsync("two", two, Token), "/token");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    /// <summary>The app's build unit, rendered for this Dockerfile, its command run as systemd would run it.</summary>
    async Task<string> BuildAsync(string app, string scope, string dockerfile)
    {
        var context = Directory.CreateDirectory(Path.Combine(root, Guid.NewGuid().ToString("N"))).FullName;
        File.WriteAllText(Path.Combine(context, "Dockerfile"), dockerfile);
        File.WriteAllText(Path.Combine(context, "round"), Guid.NewGuid().ToString());
        var image = $"nap-test/scope-{app}-{scope}:1";
        images.Add(image);
        var unit = UnitRenderer.RenderBuild(Dockerfile.Parse(dockerfile), new UnitOptions
        {
            App = app, Revision = "0123456789ab", ContextDir = context, Image = image, BuildScope = scope,
        });
        var execStart = unit.Content.Split('\n').Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal))["ExecStart=".Length..];
        // Its words need no unquoting here: no blank, quote, backslash, '%' or '$' in them.
        Assert.DoesNotContain(execStart, c => c is '"' or '\'' or '\\' or '%' or '$');
        var argv = execStart.Split(' ');
        var result = await Cli.Wrap(argv[0]).WithArguments(argv[1..]).WithEnvironmentVariables(e => e.Set("DOCKER_BUILDKIT", "1"))
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.True(result.ExitCode == 0, result.StandardError);
        return image;
    }

    static async Task<string> ReadAsync(string image, string file) =>
        (await Cli.Wrap("docker").WithArguments(["run", "--rm", image, "busybox", "cat", file]).ExecuteBufferedAsync()).StandardOutput;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var image in images.Distinct())
            await docker.Engine.RemoveImageAsync(image, default);
        Directory.Delete(root, recursive: true);
    }
}
