using Nap.Protocol;
using Nap.Deployer.Ports;
using Nap.Deployer.Settings;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Settings;

public sealed class NapdConfigSpecs : IDisposable
{
    readonly TestDir dir = new();

    string File(string json)
    {
        var path = Path.Combine(dir.Path, "napd.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    static string ErrorOf(string file) =>
        Assert.Throws<NapdConfigReader.ConfigException>(() => NapdConfigReader.Read(file, () => "198.51.100.1")).Message;

    [Fact]
    public void No_file_means_the_documented_defaults_with_the_primary_address()
    {
        var config = NapdConfigReader.Read(Path.Combine(dir.Path, "absent.json"), () => "198.51.100.1");

        Assert.Equal("198.51.100.1", config.PublicAddress);
        Assert.Equal(new PortRange(10000, 10999), config.AppPorts);
        Assert.Equal(new PortRange(20000, 29999), config.ReleasePorts);
        Assert.Equal(5, config.ReleasesKept);
        Assert.Equal(TimeSpan.FromSeconds(60), config.HealthTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), config.Drain);
        Assert.Null(config.BaseDomain);
        Assert.Equal("/etc/nginx/conf.d", config.NginxConfDir);
        Assert.Equal("/etc/systemd/system", config.SystemdDir);
        Assert.Equal("/usr/local/bin/nap-receive", config.ReceiveBinary);
        Assert.Equal(new AcmeSettings("https://acme-v02.api.letsencrypt.org/directory"), config.Acme);
        Assert.Empty(config.BuildFrontends);
        Assert.Empty(config.AddPrivateHosts);
    }

    [Fact]
    public void Every_setting_is_read_from_the_file()
    {
        var config = NapdConfigReader.Read(File("""
            { "publicAddress": "203.0.113.9", "appPorts": "8000-8099", "releasePorts": "9000-9999",
              "releasesKept": 3, "healthTimeoutSeconds": 30, "drainSeconds": 0, "baseDomain": "apps.example.com",
              "nginxConfDir": "/srv/nginx", "systemdDir": "/run/systemd/system", "receiveBinary": "/opt/nap/nap-receive",
              "buildFrontends": ["docker/dockerfile:1.7@sha256:a57df69d0ea827fb7266491f2813635de6f17269be881f696fbfdf2d83dda33e"],
              "addPrivateHosts": ["artifacts.internal", "repo.corp.example"],
              "appNetworks": "10.77.0.0/20" }
            """));

        Assert.Equal("203.0.113.9", config.PublicAddress);
        Assert.Equal(new PortRange(8000, 8099), config.AppPorts);
        Assert.Equal(new PortRange(9000, 9999), config.ReleasePorts);
        Assert.Equal(3, config.ReleasesKept);
        Assert.Equal(30, config.HealthTimeoutSeconds);
        Assert.Equal(0, config.DrainSeconds);
        Assert.Equal("apps.example.com", config.BaseDomain);
        Assert.Equal("/srv/nginx", config.NginxConfDir);
        Assert.Equal("/run/systemd/system", config.SystemdDir);
        Assert.Equal("/opt/nap/nap-receive", config.ReceiveBinary);
        Assert.Equal(["docker/dockerfile:1.7@sha256:a57df69d0ea827fb7266491f2813635de6f17269be881f696fbfdf2d83dda33e"], config.BuildFrontends);
        Assert.Equal(["artifacts.internal", "repo.corp.example"], config.AddPrivateHosts);
        Assert.Equal(System.Net.IPNetwork.Parse("10.77.0.0/20"), config.AppNetworks.Block);
        Assert.Equal("http://203.0.113.9:8042", config.Url(8042));
    }

    [Fact]
    public void The_ACME_settings_take_a_directory_url_an_email_and_a_CA_bundle_to_trust()
    {
        var bundle = Path.Combine(dir.Path, "ca.pem");
        System.IO.File.WriteAllText(bundle, TestCertificate.Authority("private CA").CertPem);

        var config = NapdConfigReader.Read(File($$"""
            { "acmeDirectory": "https://acme.internal.example:14000/dir", "acmeEmail": "ops@example.com", "acmeCaBundle": "{{bundle}}" }
            """), () => "198.51.100.1");

        Assert.Equal(new AcmeSettings("https://acme.internal.example:14000/dir", "ops@example.com", bundle), config.Acme);
    }

    [Theory]
    [InlineData("letsencrypt", "https://acme-v02.api.letsencrypt.org/directory")]
    [InlineData("letsencrypt-staging", "https://acme-staging-v02.api.letsencrypt.org/directory")]
    public void Let_s_Encrypt_s_directories_have_names(string name, string url) =>
        Assert.Equal(url, NapdConfigReader.Read(File($$"""{ "acmeDirectory": "{{name}}" }"""), () => "198.51.100.1").Acme.Directory);

    [Fact]
    public void A_CA_bundle_that_is_not_there_stops_napd_with_the_path()
    {
        var message = ErrorOf(File("""{ "acmeCaBundle": "/etc/nap/no-such-ca.pem" }"""));

        Assert.EndsWith("'acmeCaBundle' names /etc/nap/no-such-ca.pem, which does not exist: give the PEM file of the CA that signs the ACME server's https certificate, or null", message);
    }

    [Fact]
    public void The_tenant_limits_are_read_from_their_object_and_default_where_absent()
    {
        var limits = NapdConfigReader.Read(File("""
            { "limits": { "appsPerKey": 3, "checkoutFiles": 500, "checkoutMegabytes": 64, "pushMegabytes": 32,
                          "dockerfileKilobytes": 8, "connectionsPerKey": 4, "pidsPerContainer": 300 } }
            """), () => "198.51.100.1").Limits;

        Assert.Equal(new TenantLimits { AppsPerKey = 3, CheckoutFiles = 500, CheckoutBytes = 64 << 20, PushBytes = 32 << 20, DockerfileBytes = 8 << 10, ConnectionsPerKey = 4, PidsPerContainer = 300 }, limits);
        Assert.Equal(new TenantLimits().LogFollowersPerKey, limits.LogFollowersPerKey);
    }

    [Fact]
    public void The_limits_on_an_apps_pipeline_steps_are_read_from_the_same_object()
    {
        var limits = NapdConfigReader.Read(File("""
            { "limits": { "appJsonKilobytes": 16, "stepsPerApp": 4, "commandsPerStep": 6, "stepMinutes": 90 } }
            """), () => "198.51.100.1").Limits;

        Assert.Equal(new TenantLimits { AppJsonBytes = 16 << 10, StepsPerApp = 4, CommandsPerStep = 6, StepMinutes = 90 }, limits);
    }

    [Fact]
    public void A_container_gets_a_gigabyte_unless_its_app_or_the_admin_says_otherwise()
    {
        var limits = NapdConfigReader.Read(File("""{ "limits": { "memoryMegabytes": 256, "memoryMaxMegabytes": 0 } }"""), () => "198.51.100.1").Limits;

        Assert.Equal((1024, 4096), (new TenantLimits().MemoryMegabytes, new TenantLimits().MemoryMaxMegabytes));
        Assert.Equal(new TenantLimits { MemoryMegabytes = 256, MemoryMaxMegabytes = 0 }, limits);
    }

    [Fact]
    public void A_build_may_hold_4096_processes_and_4_gigabytes_unless_the_admin_says_otherwise()
    {
        var limits = NapdConfigReader.Read(File("""{ "limits": { "buildTasks": 256, "buildMemoryMegabytes": 0 } }"""), () => "198.51.100.1").Limits;

        Assert.Equal((4096, 4096), (new TenantLimits().BuildTasks, new TenantLimits().BuildMemoryMegabytes));
        Assert.Equal(new TenantLimits { BuildTasks = 256, BuildMemoryMegabytes = 0 }, limits);
    }

    [Fact]
    public void A_build_must_leave_a_gigabyte_of_docker_s_disk_unless_the_admin_says_otherwise()
    {
        var limits = NapdConfigReader.Read(File("""{ "limits": { "diskFreeMegabytes": 0 } }"""), () => "198.51.100.1").Limits;

        Assert.Equal(1024, new TenantLimits().DiskFreeMegabytes);
        Assert.Equal(new TenantLimits { DiskFreeMegabytes = 0 }, limits);
    }

    [Theory]
    [InlineData("""{ "limits": { "buildTasks": 10 } }""", "'limits.buildTasks' must be a whole number from 64 to 4000000")]
    [InlineData("""{ "limits": { "diskFreeMegabytes": -1 } }""", "'limits.diskFreeMegabytes' must be a whole number from 0 to 100000000")]
    [InlineData("""{ "limits": { "buildMemoryMegabytes": 64 } }""", "'limits.buildMemoryMegabytes' must be 0 (none) or a whole number from 128 to 16777216")]
    public void A_build_limit_too_low_for_buildx_itself_stops_napd_with_its_range(string json, string message) =>
        Assert.EndsWith(message, ErrorOf(File(json)));

    [Theory]
    [InlineData("""{ "limits": { "memoryMegabytes": 5000 } }""", "'limits.memoryMegabytes' (5000) must be from 6 to memoryMaxMegabytes (4096): raise memoryMaxMegabytes, or set it to 0 for no ceiling")]
    [InlineData("""{ "limits": { "memoryMegabytes": 0 } }""", "'limits.memoryMegabytes' (0) must be from 6 to memoryMaxMegabytes (4096)")]
    [InlineData("""{ "limits": { "memoryMaxMegabytes": 3 } }""", "'limits.memoryMaxMegabytes' must be 0 (none) or a whole number from 6 to 16777216")]
    public void A_memory_default_that_the_ceiling_would_not_allow_stops_napd_with_both_settings(string json, string expected) =>
        Assert.Contains(expected, ErrorOf(File(json)));

    [Theory]
    [InlineData("""{ "limits": { "stepMinutes": 0 } }""", "'limits.stepMinutes' must be a whole number from 1 to 1440")]
    [InlineData("""{ "limits": { "appsPerKey": 0 } }""", "'limits.appsPerKey' must be a whole number from 1 to 100000")]
    [InlineData("""{ "limits": { "cpus": 2 } }""", "'limits.cpus' is not a limit napd knows")]
    [InlineData("""{ "limits": 5 }""", "'limits' must be an object")]
    public void A_bad_limit_is_named_in_one_line(string json, string expected) =>
        Assert.Contains(expected, ErrorOf(File(json)));

    [Fact]
    public void Auto_is_resolved_to_the_hosts_primary_address() =>
        Assert.Equal("198.51.100.1", NapdConfigReader.Read(File("""{ "publicAddress": "auto" }"""), () => "198.51.100.1").PublicAddress);

    [Fact]
    public void The_primary_address_is_an_ipv4_address() =>
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.IPAddress.Parse(PrimaryAddress.Find()).AddressFamily);

    [Theory]
    [InlineData("""{ "appPorts": "10000" }""", "'appPorts' must be a port range")]
    [InlineData("""{ "appPorts": "9-3" }""", "'appPorts' must be a port range")]
    [InlineData("""{ "releasePorts": "20000-70000" }""", "'releasePorts' must be a port range")]
    [InlineData("""{ "releasePorts": "10500-10600" }""", "'releasePorts' 10500-10600 overlaps 'appPorts' 10000-10999")]
    [InlineData("""{ "releasesKept": 0 }""", "'releasesKept' must be a whole number from 1 to 100")]
    [InlineData("""{ "releasesKept": "5" }""", "'releasesKept' must be a whole number")]
    [InlineData("""{ "healthTimeoutSeconds": 1.5 }""", "'healthTimeoutSeconds' must be a whole number")]
    [InlineData("""{ "drainSeconds": -1 }""", "'drainSeconds' must be a whole number from 0 to 300")]
    [InlineData("""{ "publicAddress": "not an address!" }""", "'publicAddress' must be \"auto\", an IP address or a host name")]
    [InlineData("""{ "baseDomain": "Apps_Example" }""", "'baseDomain' must be a lowercase DNS name")]
    [InlineData("""{ "systemdDir": "etc/systemd" }""", "'systemdDir' must be an absolute path")]
    [InlineData("""{ "appNetworks": "10.1.2.0/27" }""", "'appNetworks' must be at least a /26")]
    [InlineData("""{ "appNetworks": "fd00::/64" }""", "'appNetworks' must be an IPv4 block")]
    [InlineData("""{ "appNetworks": "10.1.2.3" }""", "'appNetworks' must be an IPv4 block")]
    [InlineData("""{ "releasePort": "20000-29999" }""", "'releasePort' is not a setting napd knows")]
    [InlineData("""{ "acmeDirectory": "http://acme.example/dir" }""", "'acmeDirectory' must be \"letsencrypt\", \"letsencrypt-staging\" or the https URL of an ACME directory")]
    [InlineData("""{ "acmeDirectory": "letsencrypt-prod" }""", "'acmeDirectory' must be")]
    [InlineData("""{ "acmeEmail": "ops at example.com" }""", "'acmeEmail' must be an email address such as admin@example.com, or null")]
    [InlineData("""{ "acmeEmail": "-x@example.com --server=https://evil/dir" }""", "'acmeEmail' must be an email address")]
    [InlineData("""{ "acmeCaBundle": "ca.pem" }""", "'acmeCaBundle' must be an absolute path")]
    [InlineData("""{ "buildFrontends": "docker/dockerfile:1" }""", "'buildFrontends' must be a list of strings, e.g. []")]
    [InlineData("""{ "buildFrontends": [""] }""", "'buildFrontends' must hold only non-empty strings")]
    [InlineData("""{ "addPrivateHosts": ["Artifacts.Internal"] }""", "'addPrivateHosts' holds \"Artifacts.Internal\", which is not a lowercase DNS name or an IP address")]
    [InlineData("""{ "addPrivateHosts": ["a.internal", "http://b.internal/"] }""", "'addPrivateHosts' holds \"http://b.internal/\", which is not a lowercase DNS name or an IP address")]
    public void A_bad_value_is_one_line_naming_the_file_and_the_key(string json, string expected)
    {
        var file = File(json);

        var message = ErrorOf(file);

        Assert.StartsWith(file + ": ", message);
        Assert.Contains(expected, message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void A_file_that_is_not_json_says_so_on_one_line()
    {
        var message = ErrorOf(File("{ \"appPorts\": \n"));

        Assert.Contains("not valid JSON", message);
        Assert.DoesNotContain('\n', message);
    }

    public void Dispose() => dir.Dispose();
}
