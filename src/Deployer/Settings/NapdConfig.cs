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
}
