namespace Nap.Deployer.Nginx;

/// <summary>Where napd writes the apps' files and how it talks to nginx.</summary>
/// <param name="ConfDir">A directory nginx.conf includes as *.conf (Debian: /etc/nginx/conf.d).</param>
/// <param name="Reload">argv that makes the running nginx pick up the files; empty to skip (nginx not running).</param>
public sealed record NginxOptions(string ConfDir, string Binary = "nginx")
{
    /// <summary>Debian's nginx under systemd: a reload is graceful (old workers finish their requests).</summary>
    public static NginxOptions ForHost(string confDir) => new(confDir) { Reload = ["systemctl", "reload", "nginx"], PidFile = "/run/nginx.pid" };

    /// <summary>The running nginx's pid file: with it, a reload waits for the old workers to finish (<see cref="NginxWorkers"/>).</summary>
    public string? PidFile { get; init; }

    /// <summary>How long a reload waits for old workers that still serve a request.</summary>
    public TimeSpan WorkerDrainLimit { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Arguments for every nginx call besides the action, e.g. -c FILE -e LOG for an nginx of one's own.</summary>
    public IReadOnlyList<string> GlobalArguments { get; init; } = [];

    public IReadOnlyList<string> Reload { get; init; } = [];

    public IReadOnlyList<string> TestArguments => ["-t", "-q", .. GlobalArguments];

    public NginxOptions WithGlobalArguments(params IReadOnlyList<string> args) => this with { GlobalArguments = args };

    public NginxOptions WithReload(params IReadOnlyList<string> argv) => this with { Reload = argv };
}
