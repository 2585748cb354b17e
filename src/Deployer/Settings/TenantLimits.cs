namespace Nap.Deployer.Settings;

/// <summary>
/// What one key may take of the host (napd.json's "limits"): every refusal names its setting, so the admin
/// knows what raises it. Admin keys and root are held to the app count and connection limits only where noted.
/// </summary>
public sealed record TenantLimits
{
    public const string Setting = "limits";

    /// <summary>Apps one key may own (admins: no limit).</summary>
    public int AppsPerKey { get; init; } = 100;

    /// <summary>A revision's files and their bytes once checked out; counted while extracting, nothing written past them.</summary>
    public int CheckoutFiles { get; init; } = 100_000;

    public long CheckoutBytes { get; init; } = 1L << 30;

    /// <summary>A push's pack as git receives it (receive.maxInputSize in each repository).</summary>
    public long PushBytes { get; init; } = 512L << 20;

    public long DockerfileBytes { get; init; } = 256 * 1024;

    /// <summary>Requests one key may have open at once on napd's socket, and `logs -f` among them.</summary>
    public int ConnectionsPerKey { get; init; } = 16;

    public int LogFollowersPerKey { get; init; } = 4;

    /// <summary>Processes (threads count) one container may hold (docker run --pids-limit): a fork bomb stays in its app.</summary>
    public int PidsPerContainer { get; init; } = 4096;

    /// <summary>
    /// Memory one container of an app that set none runs with (docker run --memory), 0 for none: one tenant's leak
    /// or runaway is killed in its own container instead of pushing the host's other apps into its OOM killer.
    /// </summary>
    public int MemoryMegabytes { get; init; } = 1024;

    /// <summary>The most `resources:set APP memory=` gives one container, 0 for no ceiling; a larger setting kept from before is held to it.</summary>
    public int MemoryMaxMegabytes { get; init; } = 4096;

    /// <summary>
    /// Processes (threads count) and memory one build may hold, its RUN steps with it on docker 23 and later: the build
    /// unit's TasksMax= and MemoryMax=, which BuildKit's steps sit under (--cgroup-parent). Memory 0 for none.
    /// </summary>
    public int BuildTasks { get; init; } = 4096;

    public int BuildMemoryMegabytes { get; init; } = 4096;

    /// <summary>
    /// The free space nap keeps on docker's disk, 0 for no floor: what a RUN step or a running container writes has no
    /// bound of its own, so a build is stopped at it (Builds/BuildDisk) and so is the app writing most (Instances/DiskPressure).
    /// </summary>
    public int DiskFreeMegabytes { get; init; } = 1024;

    /// <summary>An HTTP request body nginx passes to an app unless `nginx:set APP client-max-body-size` raises it; larger gets 413.</summary>
    public int RequestBodyMegabytes { get; init; } = 64;

    /// <summary>app.json at the top of a pushed revision (its pipeline steps), refused larger before it is read.</summary>
    public long AppJsonBytes { get; init; } = 64 * 1024;

    /// <summary>Steps one app.json may run (its `steps`, with predeploy and postdeploy), and commands in each.</summary>
    public int StepsPerApp { get; init; } = 20;

    public int CommandsPerStep { get; init; } = 50;

    /// <summary>The longest timeout a step may ask for; a step that names none gets 10 minutes, or this when less.</summary>
    public int StepMinutes { get; init; } = 30;

    /// <summary>The longest one of app.json's startup checks may take at worst: its initial delay, attempts and waits.</summary>
    public int HealthCheckSeconds { get; init; } = 600;

    /// <summary>"limits.NAME in napd.json", for the line that refuses.</summary>
    public static string Name(string limit) => $"{Setting}.{limit} in /etc/nap/napd.json";

    public TenantLimits WithCheckout(int files, long bytes) => this with { CheckoutFiles = files, CheckoutBytes = bytes };
    public TenantLimits WithAppsPerKey(int apps) => this with { AppsPerKey = apps };
    public TenantLimits WithDockerfileBytes(long bytes) => this with { DockerfileBytes = bytes };
    public TenantLimits WithSteps(int steps, int commands, int minutes) => this with { StepsPerApp = steps, CommandsPerStep = commands, StepMinutes = minutes };
    public TenantLimits WithConnectionsPerKey(int connections, int followers) => this with { ConnectionsPerKey = connections, LogFollowersPerKey = followers };
}
