using CliWrap;
using CliWrap.Buffered;
using Nap.Deployer.Builds;
using Nap.Deployer.Settings;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Builds;

/// <summary>ONBUILD triggers of local base images, made in this machine's real engine by docker build, as an image pulled from a registry would carry them.</summary>
public sealed class BaseImageTriggersSpecs(DockerFixture docker) : IClassFixture<DockerFixture>, IDisposable
{
    readonly TestDir dir = new();
    readonly List<string> images = [];

    async Task<string> ImageWithTriggerAsync(string trigger)
    {
        var image = "nap-test/onbuild-" + Guid.NewGuid().ToString("N")[..8];
        images.Add(image);
        var context = dir.Sub(image.Replace('/', '-'));
        File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {DockerFixture.Image}\nONBUILD {trigger}\n");
        await Cli.Wrap("docker").WithArguments(["build", "-q", "-t", image, context])
            .WithEnvironmentVariables(e => e.Set("DOCKER_BUILDKIT", "0")).ExecuteBufferedAsync();
        return image;
    }

    Task CheckAsync(string dockerfile)
    {
        var release = dir.Sub("release-" + Guid.NewGuid().ToString("N")[..6]);
        var src = Directory.CreateDirectory(Path.Combine(release, "src")).FullName;
        File.WriteAllText(Path.Combine(src, "Dockerfile"), dockerfile);
        return new BaseImageTriggers(docker.Engine).CheckAsync(BuildSource.Read("app", src, release, new NapdConfig()), default);
    }

    [Theory]
    [InlineData("ADD http://127.0.0.1:8099/ /loot", "ADD http://127.0.0.1:8099/ could have the engine")]
    [InlineData("RUN --network=host cat /etc/hosts", "--network=host would give this step the host's network")]
    public async Task A_base_image_whose_trigger_reaches_off_the_sandbox_is_refused_at_the_stage_that_builds_from_it(string trigger, string reason)
    {
        var image = await ImageWithTriggerAsync(trigger);

        var refused = await Assert.ThrowsAsync<DeployFailedException>(() => CheckAsync($"FROM {DockerFixture.Image} AS tools\nRUN true\nFROM {image}\nCMD [\"sh\"]\n"));

        Assert.StartsWith($"Dockerfile:3: FROM {image}: the image's ONBUILD trigger is refused: ", refused.Message);
        Assert.Contains(reason, refused.Message);
        Assert.EndsWith("build FROM an image without it", refused.Message);
    }

    [Fact]
    public async Task A_base_image_with_a_local_trigger_an_image_nobody_has_and_scratch_pass()
    {
        var image = await ImageWithTriggerAsync("COPY . /app");

        await CheckAsync($"FROM {image}\nFROM nap-test/never-pulled-{Guid.NewGuid():N}\nFROM scratch\n");
    }

    public void Dispose()
    {
        foreach (var image in images)
            docker.Engine.RemoveImageAsync(image, default).GetAwaiter().GetResult();
        dir.Dispose();
    }
}
