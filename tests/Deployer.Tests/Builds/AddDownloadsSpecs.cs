using CliWrap;
using CliWrap.Buffered;
using Nap.Deployer.Builds;
using Nap.Deployer.Docker;
using Nap.Deployer.Settings;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Builds;

/// <summary>The image of downloads napd hands the engine for ADD URLs, made in this machine's real engine.</summary>
public sealed class AddDownloadsSpecs(DockerFixture docker) : IClassFixture<DockerFixture>, IDisposable
{
    static readonly DateTimeOffset Modified = new(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);
    readonly TestDir dir = new();
    readonly LocalHttpServer server = new(async context =>
    {
        context.Response.AddHeader("Last-Modified", Modified.ToString("R"));
        await context.Response.OutputStream.WriteAsync("jar bytes"u8.ToArray());
    });

    AddDownloads Downloads() => new(ArtifactServer.Fetch(), docker.Engine);

    BuildSource Source(string dockerfile, string? dockerfileIgnore = null)
    {
        var release = dir.Sub("releases/" + Guid.NewGuid().ToString("N")[..6]);
        var src = Directory.CreateDirectory(Path.Combine(release, "src")).FullName;
        File.WriteAllText(Path.Combine(src, "Dockerfile"), dockerfile);
        if (dockerfileIgnore is not null)
            File.WriteAllText(Path.Combine(src, "Dockerfile.dockerignore"), dockerfileIgnore);
        return BuildSource.Read("app", src, release, new NapdConfig());
    }

    static async Task<string> ListAsync(string image)
    {
        var container = (await Cli.Wrap("docker").WithArguments(["create", image, "none"]).ExecuteBufferedAsync()).StandardOutput.Trim();
        try
        {
            var listing = await (Cli.Wrap("docker").WithArguments(["export", container])
                | Cli.Wrap("tar").WithArguments(["-tv", "--numeric-owner", "--full-time", "--utc"])).ExecuteBufferedAsync();
            return listing.StandardOutput;
        }
        finally
        {
            await Cli.Wrap("docker").WithArguments(["rm", container]).ExecuteBufferedAsync();
        }
    }

    [Fact]
    public async Task Each_file_lies_in_the_image_as_adds_own_fetch_would_make_it_and_goes_with_the_build()
    {
        var app = "dl" + Guid.NewGuid().ToString("N")[..8];
        var source = Source($"FROM scratch\n\nADD http://artifacts.test:{server.Port}/dl/app.jar http://artifacts.test:{server.Port}/ /opt/\n", dockerfileIgnore: "secret\n");
        var reply = new RecordingReply();

        var downloads = await Downloads().FetchAsync(app, 3, source, reply, default);
        var listing = await ListAsync(ImageName.Downloads(app, 3));
        await downloads.DisposeAsync();

        Assert.Matches($@"-rw------- 0/0 +9 2020-01-02 03:04:05 3\.1/app\.jar", listing);
        Assert.Matches($@"-rw------- 0/0 +9 2020-01-02 03:04:05 3\.2/__unnamed__", listing);
        Assert.Equal($"FROM scratch\n\nCOPY --from=nap-add/{app}:3 /3.1/app.jar /3.2/__unnamed__ /opt/\n", File.ReadAllText(source.EngineDockerfile!));
        Assert.Equal("secret\n", File.ReadAllText(source.EngineDockerfile + ".dockerignore"));
        Assert.Equal(["-----> Fetching the Dockerfile's ADD URLs (2)", $"       http://artifacts.test:{server.Port}/dl/app.jar: 9 bytes", $"       http://artifacts.test:{server.Port}/: 9 bytes"], reply.Lines);
        Assert.False(await docker.Engine.ImageExistsAsync(ImageName.Downloads(app, 3), default));
        Assert.False(File.Exists(Path.Combine(source.BuildDir, "downloads.tar")));
    }

    [Fact]
    public async Task A_checksum_that_does_not_match_rejects_the_build_with_both_digests()
    {
        var expected = "sha256:" + new string('0', 64);
        var source = Source($"FROM scratch\nADD --checksum={expected} http://artifacts.test:{server.Port}/app.jar /opt/\n");

        var failed = await Assert.ThrowsAsync<DeployFailedException>(() => Downloads().FetchAsync("dl" + Guid.NewGuid().ToString("N")[..8], 1, source, new RecordingReply(), default));

        Assert.StartsWith($"Dockerfile:2: ADD: http://artifacts.test:{server.Port}/app.jar has the checksum sha256:", failed.Message);
        Assert.EndsWith($", not {expected}: the file changed on its server, or --checksum is wrong", failed.Message);
    }

    [Fact]
    public async Task A_dockerfile_without_urls_gets_no_image_and_is_built_as_pushed()
    {
        var source = Source("FROM scratch\nADD app.tar.gz /opt/\n");

        await using var downloads = await Downloads().FetchAsync("dlnone", 1, source, new RecordingReply(), default);

        Assert.Null(source.EngineDockerfile);
        Assert.Empty(await docker.Engine.TagsAsync(ImageName.DownloadsRepository("dlnone"), default));
    }

    public void Dispose()
    {
        server.Dispose();
        dir.Dispose();
    }
}
