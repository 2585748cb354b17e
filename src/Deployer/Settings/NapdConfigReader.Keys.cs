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
                case "acmeDirectory": config = config.WithAcme(config.Acme.WithDirectory(AcmeDirectory(value, Bad))); break;
                case "acmeEmail":
                    var email = value.ValueKind == JsonValueKind.Null ? null : Text(value, Bad);
                    if (email is not null && EmailAddress.Validate(email) is not null)
                        throw Bad("must be an email address such as admin@example.com, or null");
                    config = config.WithAcme(config.Acme.WithEmail(email));
                    break;
                case "acmeCaBundle":
                    config = config.WithAcme(config.Acme.WithCaBundle(value.ValueKind == JsonValueKind.Null ? null : CaBundle(value, Bad)));
                    break;
                case "buildFrontends":
                    config = config with { BuildFrontends = Texts(value, f => f.Any(char.IsControl) ? "holds a control character" : null, Bad) };
                    break;
                case "addPrivateHosts":
                    config = config with { AddPrivateHosts = Texts(value, h => DnsName().IsMatch(h) || IPAddress.TryParse(h, out _) ? null : $"holds \"{h}\", which is not a lowercase DNS name or an IP address", Bad) };
                    break;
                case "appNetworks":
                    var block = IPNetwork.TryParse(Text(value, Bad), out var parsed) ? parsed : throw Bad("must be an IPv4 block such as 10.213.0.0/16");
                    config = config with { AppNetworks = SubnetPool.Validate(block) is { } why ? throw Bad(why) : new SubnetPool(block) };
                    break;
                case TenantLimits.Setting: config = config with { Limits = Limits(value, file) }; break;
                case "hooks": config = config with { PrivateForges = PrivateForges(value, file) }; break;
                default: throw Bad("is not a setting napd knows (publicAddress, appPorts, releasePorts, releasesKept, healthTimeoutSeconds, drainSeconds, baseDomain, nginxConfDir, systemdDir, receiveBinary, acmeDirectory, acmeEmail, acmeCaBundle, buildFrontends, addPrivateHosts, appNetworks, limits, hooks)");
            }
        }

        if (config.AppPorts.Overlaps(config.ReleasePorts))
            throw new ConfigException($"{file}: 'releasePorts' {config.ReleasePorts} overlaps 'appPorts' {config.AppPorts}");
        return (config, address);
    }

    static string Text(JsonElement value, Func<string, ConfigException> bad) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : throw bad("must be a non-empty string");

    static string[] Texts(JsonElement value, Func<string, string?> wrong, Func<string, ConfigException> bad)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw bad("must be a list of strings, e.g. []");
        var texts = value.EnumerateArray().Select(item => Text(item, _ => bad("must hold only non-empty strings"))).ToArray();
        return texts.Select(wrong).FirstOrDefault(w => w is not null) is { } why ? throw bad(why) : texts;
    }

    static PortRange Ports(JsonElement value, Func<string, ConfigException> bad) =>
        PortRange.Parse(Text(value, bad)) ?? throw bad("must be a port range \"FIRST-LAST\" within 1-65535");

    static int Number(JsonElement value, int min, int max, Func<string, ConfigException> bad) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max
            ? n
            : throw bad($"must be a whole number from {min} to {max}");

    static string AcmeDirectory(JsonElement value, Func<string, ConfigException> bad)
    {
        var text = Text(value, bad);
        if (AcmeSettings.Named(text) is { } named)
            return named;
        // RFC 8555 §6.1: ACME runs over https only; the URL becomes one argument of the ACME client.
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? text
            : throw bad("must be \"letsencrypt\", \"letsencrypt-staging\" or the https URL of an ACME directory");
    }

    /// <summary>The bundle is read when napd starts, so a wrong path stops napd now rather than every certificate later.</summary>
    static string CaBundle(JsonElement value, Func<string, ConfigException> bad)
    {
        var path = AbsolutePath(value, bad);
        if (!File.Exists(path))
            throw bad($"names {path}, which does not exist: give the PEM file of the CA that signs the ACME server's https certificate, or null");
        if (!File.ReadAllText(path).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            throw bad($"names {path}, which holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        return path;
    }

    static string AbsolutePath(JsonElement value, Func<string, ConfigException> bad)
    {
        var path = Text(value, bad);
        return Path.IsPathRooted(path) && !path.Contains('\n') ? path : throw bad("must be an absolute path");
    }
}
