using System.Runtime.CompilerServices;
using Nap.UnitGen.Model;
using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Golden;

/// <summary>The corpus Dockerfiles in the source tree (so UPDATE_GOLDEN=1 writes goldens beside them).</summary>
static class Corpus
{
    public static string Dir { get; } = Path.GetFullPath(Path.Combine(SourceDir(), "..", "Corpus"));

    public static IEnumerable<string> Names =>
        Directory.GetDirectories(Dir).Where(d => File.Exists(Path.Combine(d, "Dockerfile"))).Select(Path.GetFileName).Order()!;

    /// <summary>The release's `docker service create`, as `nap unitgen --flavor swarm` prints it.</summary>
    public const string SwarmGolden = "swarm.sh";

    public static TheoryData<string> All() => [.. Names];

    public static ImageConfig Parse(string name) =>
        Dockerfile.Parse(File.ReadAllText(Path.Combine(Dir, name, "Dockerfile")));

    /// <summary>What napd would pass for release 1 of an app named after the case, fixed so goldens are stable.</summary>
    public static UnitOptions Options(string name) => new()
    {
        App = name,
        Revision = "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
        ContextDir = $"/var/lib/nap/apps/{name}/releases/1/src",
        EnvFile = $"/var/lib/nap/apps/{name}/env",
        Source = $"ssh://nap@nap.example.com/{name}",
        Created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };

    /// <summary>What napd would pass for release 1 of the app on a cluster: the registry's dated tag, its network, limits.</summary>
    public static UnitOptions SwarmOptions(string name) => WithNetworkAndLimits(Options(name), name) with
    {
        Flavor = UnitFlavor.Swarm,
        Release = 1,
        Image = $"registry.nap.test:5000/{name}:20260102-030405-4b825dc",
        Replicas = 2,
    };

    /// <summary>Every kind of unit nap writes: both flavours, plain and template, and napd's own (its network and limits).</summary>
    public static IEnumerable<UnitOptions> EveryKind(string name) =>
        (from flavor in new[] { UnitFlavor.Systemd, UnitFlavor.Fleet }
         from template in new[] { false, true }
         select Options(name).WithFlavor(flavor).WithTemplate(template) with { MachineMetadata = flavor == UnitFlavor.Fleet ? ["role=web"] : [] })
        .Append(NapdOptions(name));

    /// <summary>The run template napd installs for release 1 on one host.</summary>
    public static UnitOptions NapdOptions(string name) => WithNetworkAndLimits(Options(name).WithTemplate(), name);

    /// <summary>What napd adds to every release, on one host or a cluster: the app's own network, its limits, a pids limit.</summary>
    static UnitOptions WithNetworkAndLimits(UnitOptions options, string name) => options with
    {
        Network = $"nap-{name}",
        Memory = "256m",
        Cpus = "0.5",
        PidsLimit = 512,
    };

    static string SourceDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
