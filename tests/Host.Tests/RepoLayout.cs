namespace Nap.Host.Tests;

/// <summary>Where the repository's scripts and the published binaries are, seen from the test run.</summary>
public static class RepoLayout
{
    public static string Root { get; } = FindRoot();

    public static string Scripts => Path.Combine(Root, "scripts");
    public static string Systemd => Path.Combine(Root, "systemd");
    public static string Examples => Path.Combine(Root, "examples");

    /// <summary>scripts/publish.sh's output; NAP_PUBLISH_DIR overrides it.</summary>
    public static string PublishDir =>
        Environment.GetEnvironmentVariable("NAP_PUBLISH_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Root, "artifacts", "publish");

    /// <summary>The Debian release the hosts run, NAP_HOST_DISTRO: bookworm (Debian 12, the default) or trixie (Debian 13).</summary>
    public static string HostDistro =>
        Environment.GetEnvironmentVariable("NAP_HOST_DISTRO") is { Length: > 0 } distro ? distro : "bookworm";

    /// <summary>scripts/images.sh's host image of <see cref="HostDistro"/>; NAP_HOST_IMAGE overrides it.</summary>
    public static string HostImage =>
        Environment.GetEnvironmentVariable("NAP_HOST_IMAGE") is { Length: > 0 } image ? image : HostDistro switch
        {
            "bookworm" => "local/nap-host:latest",
            "trixie" => "local/nap-host-trixie:latest",
            var other => throw new InvalidOperationException($"NAP_HOST_DISTRO={other}: scripts/images.sh builds hosts of bookworm and trixie only"),
        };

    public const string BusyboxImage = "local/busybox:latest";

    static string FindRoot()
    {
        // The csproj records its checkout, because NAP_ARTIFACTS builds outside of it.
        var recorded = typeof(RepoLayout).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "Nap.sln")))
            return recorded;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nap.sln")))
                return dir.FullName;
        }
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nap.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the repository (Nap.sln) above the test binaries or the working directory");
    }
}
