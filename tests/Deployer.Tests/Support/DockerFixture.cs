using CliWrap.Buffered;
using CliWrap;
using Nap.Deployer.Docker;

namespace Nap.Deployer.Tests.Support;

/// <summary>
/// The machine's real Docker engine and a tiny local image made from busybox (no registry is
/// reachable). Containers started here are removed on dispose.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    public const string Image = "nap-test/busybox:latest";

    readonly List<string> containers = [];

    public DockerEngine Engine { get; } = DockerEngine.Connect();

    public async Task InitializeAsync()
    {
        if (await Engine.ImageExistsAsync(Image, default))
            return;
        var dir = Directory.CreateTempSubdirectory("nap-busybox-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "bin"));
            File.Copy("/bin/busybox", Path.Combine(dir, "bin", "busybox"));
            foreach (var tool in new[] { "sh", "httpd", "sleep", "true", "false", "echo" })
                File.CreateSymbolicLink(Path.Combine(dir, "bin", tool), "busybox");
            Directory.CreateDirectory(Path.Combine(dir, "www"));
            await (Cli.Wrap("tar").WithArguments(["-C", dir, "-c", "."])
                   | Cli.Wrap("docker").WithArguments(["import", "-", Image])).ExecuteBufferedAsync();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>docker run -d --name NAME ARGS... IMAGE COMMAND...; removed on dispose.</summary>
    public async Task<string> RunAsync(IReadOnlyList<string> options, params IReadOnlyList<string> command)
    {
        var name = "nap-test-" + Guid.NewGuid().ToString("N")[..10];
        containers.Add(name);
        await Cli.Wrap("docker").WithArguments(["run", "-d", "--name", name, .. options, Image, .. command]).ExecuteBufferedAsync();
        return name;
    }

    public async Task DisposeAsync()
    {
        foreach (var name in containers)
            await Cli.Wrap("docker").WithArguments(["rm", "-f", name]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Engine.Dispose();
    }
}
