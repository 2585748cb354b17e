using Nap.Deployer.Docker;
using Nap.Deployer.Ports;

namespace Nap.Deployer.Settings;

/// <summary>
/// napd's settings from /etc/nap/napd.json, validated (<see cref="NapdConfigReader"/>).
/// <see cref="PublicAddress"/> is already resolved: "auto" has become the host's primary IPv4.
/// </summary>
public sealed record NapdConfig
{
    public string PublicAddress { get; init; } = "127.0.0.1";
    public PortRange AppPorts { get; init; } = new(10000, 10999);
    public PortRange ReleasePorts { get; init; } = new(20000, 29999);
    public int ReleasesKept { get; init; } = 5;
    public int HealthTimeoutSeconds { get; init; } = 60;
    public int DrainSeconds { get; init; } = 2;
    public string? BaseDomain { get; init; }
    public string NginxConfDir { get; init; } = "/etc/nginx/conf.d";
    public string SystemdDir { get; init; } = "/etc/systemd/system";
    public string ReceiveBinary { get; init; } = Nap.Protocol.ReceiveBinary.Default;
    public TenantLimits Limits { get; init; } = new();
    public SubnetPool AppNetworks { get; init; } = SubnetPool.Default;
    public AcmeSettings Acme { get; init; } = AcmeSettings.Default;

    /// <summary>The `# syntax=` values a Dockerfile may name, exactly as written; none: the engine's built-in frontend only.</summary>
    public IReadOnlyList<string> BuildFrontends { get; init; } = [];

    /// <summary>Host names an ADD URL may name although they resolve to a private address (an internal artifact server).</summary>
    public IReadOnlyList<string> AddPrivateHosts { get; init; } = [];

    /// <summary>napd.json's hooks.privateForges: hooks:add may name a forge on a private network (the LAN); loopback, link-local and the host's own addresses stay refused.</summary>
    public bool PrivateForges { get; init; }

    public TimeSpan HealthTimeout => TimeSpan.FromSeconds(HealthTimeoutSeconds);
    public TimeSpan Drain => TimeSpan.FromSeconds(DrainSeconds);

    /// <summary>The address the pusher is told: http://ADDRESS:PORT.</summary>
    public string Url(int appPort) => $"http://{PublicAddress}:{appPort}";

    public NapdConfig WithPublicAddress(string address) => this with { PublicAddress = address };
    public NapdConfig WithAppPorts(PortRange ports) => this with { AppPorts = ports };
    public NapdConfig WithReleasePorts(PortRange ports) => this with { ReleasePorts = ports };
    public NapdConfig WithNginxConfDir(string dir) => this with { NginxConfDir = dir };
    public NapdConfig WithSystemdDir(string dir) => this with { SystemdDir = dir };
    public NapdConfig WithReceiveBinary(string path) => this with { ReceiveBinary = path };
    public NapdConfig WithLimits(TenantLimits limits) => this with { Limits = limits };
    public NapdConfig WithAcme(AcmeSettings acme) => this with { Acme = acme };
    public NapdConfig WithBuildFrontends(params string[] frontends) => this with { BuildFrontends = frontends };
    public NapdConfig WithAddPrivateHosts(params string[] hosts) => this with { AddPrivateHosts = hosts };
}
