using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Nap.Deployer.Docker;
using Nap.Deployer.Ports;
using Nap.Protocol;

namespace Nap.Deployer.Settings;

public static partial class NapdConfigReader
{
    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsName();

    static (NapdConfig, string) Apply(NapdConfig config, string address, JsonElement root, string file)
    {
        foreach (var property in root.EnumerateObject())
        {
            var key = property.Name;
            var value = property.Value;
            ConfigException Bad(string why) => new($"{file}: '{key}' {why}");
            switch (key)
            {
                case "publicAddress":
                    address = Text(value, Bad);
                    if (address != "auto" && !IPAddress.TryParse(address, out _) && !DnsName().IsMatch(address))
                        throw Bad("must be \"auto\", an IP address or a host name");
                    break;
                case "appPorts": config = config with { AppPorts = Ports(value, Bad) }; break;
                case "releasePorts": config = config with { ReleasePorts = Ports(value, Bad) }; break;
                case "releasesKept": config = config with { ReleasesKept = Number(value, 1, 100, Bad) }; break;
                case "healthTimeoutSeconds": config = config with { HealthTimeoutSeconds = Number(value, 1, 3600, Bad) }; break;
                case "drainSeconds": config = config with { DrainSeconds = Number(value, 0, 300, Bad) }; break;
                case "baseDomain":
                    var domain = value.ValueKind == JsonValueKind.Null ? null : Text(value, Bad);
                    if (domain is not null && !DnsName().IsMatch(domain))
                        throw Bad("must be a lowercase DNS name such as apps.example.com, or null");
                    config = config with { BaseDomain = domain };
                    break;
                case "nginxConfDir": config = config with { NginxConfDir = AbsolutePath(value, Bad) }; break;
                case "systemdDir": config = config with { SystemdDir = AbsolutePath(value, Bad) }; break;
                case ReceiveBinary.Setting:
                    var receive = Text(value, Bad);
                    config = config with { ReceiveBinary = ReceiveBinary.Validate(receive) is { } bad ? throw Bad(bad) : receive };
                    break;
                case "appNetworks":
                    var block = IPNetwork.TryParse(Text(value, Bad), out var parsed) ? parsed : throw Bad("must be an IPv4 block such as 10.213.0.0/16");
                    config = config with { AppNetworks = SubnetPool.Validate(block) is { } why ? throw Bad(why) : new SubnetPool(block) };
                    break;
                case TenantLimits.Setting: config = config with { Limits = Limits(value, file) }; break;
                default: throw Bad("is not a setting napd knows (publicAddress, appPorts, releasePorts, releasesKept, healthTimeoutSeconds, drainSeconds, baseDomain, nginxConfDir, systemdDir, receiveBinary, appNetworks, limits)");
            }
        }

        if (config.AppPorts.Overlaps(config.ReleasePorts))
            throw new ConfigException($"{file}: 'releasePorts' {config.ReleasePorts} overlaps 'appPorts' {config.AppPorts}");
        return (config, address);
    }

    static string Text(JsonElement value, Func<string, ConfigException> bad) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : throw bad("must be a non-empty string");

    static PortRange Ports(JsonElement value, Func<string, ConfigException> bad) =>
        PortRange.Parse(Text(value, bad)) ?? throw bad("must be a port range \"FIRST-LAST\" within 1-65535");

    static int Number(JsonElement value, int min, int max, Func<string, ConfigException> bad) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max
            ? n
            : throw bad($"must be a whole number from {min} to {max}");

    static string AbsolutePath(JsonElement value, Func<string, ConfigException> bad)
    {
        var path = Text(value, bad);
        return Path.IsPathRooted(path) && !path.Contains('\n') ? path : throw bad("must be an absolute path");
    }
}
