namespace Nap.Deployer.Nginx;

/// <summary>Where napd writes the apps' files and how it talks to nginx.</summary>
/// <param name="ConfDir">A directory nginx.conf includes as *.conf (Debian: /etc/nginx/conf.d).</param>
public sealed record NginxOptions(string ConfDir, string Binary = "nginx")
{
    /// <summary>Debian's nginx, which writes its master's pid to /run/nginx.pid.</summary>
    public static NginxOptions ForHost(string confDir) => new(confDir) { PidFile = "/run/nginx.pid", ReloadWithoutPid = ["systemctl", "reload", "nginx"] };

    /// <summary>The running nginx's pid file: a reload signals its master (<see cref="NginxMaster"/>); null to only check files (nginx not running).</summary>
    public string? PidFile { get; init; }

    /// <summary>argv that reloads nginx when <see cref="PidFile"/> names no master (a reload then waits for no workers).</summary>
    public IReadOnlyList<string> ReloadWithoutPid { get; init; } = [];

    /// <summary>How long a reload waits for the old workers to stop taking connections (the master tells them ~0.1 s after the reload).</summary>
    public TimeSpan WorkerDrainLimit { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Arguments for every nginx call besides the action, e.g. -c FILE -e LOG for an nginx of one's own.</summary>
    public IReadOnlyList<string> GlobalArguments { get; init; } = [];

    public IReadOnlyList<string> TestArguments => ["-t", "-q", .. GlobalArguments];

    public NginxOptions WithGlobalArguments(params IReadOnlyList<string> args) => this with { GlobalArguments = args };

    public NginxOptions WithPidFile(string pidFile) => this with { PidFile = pidFile };
}
