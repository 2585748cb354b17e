using System.Security.Cryptography.X509Certificates;
using Nap.Cli.Registry;
using Nap.Protocol;

namespace Nap.Cli.Tests;

/// <summary>`nap registry init` against a directory tree shaped like a host with Debian's docker-registry; Host.Tests' RegistrySpecs run it for real.</summary>
public sealed class RegistrySpecs : IDisposable
{
    // Debian 12's docker-registry 2.8.2+ds1-1 /etc/docker/registry/config.yml, as the package installs it.
    const string PackageConfig = """
        version: 0.1
        log:
          fields:
            service: registry
        storage:
          cache:
            blobdescriptor: inmemory
          filesystem:
            rootdirectory: /var/lib/docker-registry
          delete:
            enabled: true
        http:
          addr: :5000
          headers:
            X-Content-Type-Options: [nosniff]
        auth:
          htpasswd:
            realm: basic-realm
            path: /etc/docker/registry
        health:
          storagedriver:
            enabled: true
            interval: 10s
            threshold: 3

        """;

    readonly string root = Directory.CreateTempSubdirectory("nap-registry-").FullName;
    readonly FakeHost host = new();
    readonly RegistryFiles files;

    public RegistrySpecs()
    {
        files = new RegistryFiles(root, NapPaths.Default);
        Directory.CreateDirectory(Path.GetDirectoryName(files.Binary)!);
        File.WriteAllText(files.Binary, "");
        Directory.CreateDirectory(files.ConfigDir);
        File.WriteAllText(files.Config, PackageConfig);
    }

    async Task<(int Exit, string Out, string Err)> InitAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var exit = await RegistryCommand.RunAsync(["init", .. args], stdout, stderr, files, host, root: true);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Init_serves_the_registry_over_TLS_with_htpasswd_auth_and_deletes_and_keeps_the_package_s_config()
    {
        var (exit, output, _) = await InitAsync("--address", "10.0.0.5");

        Assert.Equal(0, exit);
        var config = File.ReadAllText(files.Config);
        Assert.Contains("  tls:\n    certificate: /etc/docker/registry/tls/server.crt\n    key: /etc/docker/registry/tls/server.key\n", config);
        Assert.Contains("auth:\n  htpasswd:\n    realm: nap-registry\n    path: /etc/docker/registry/htpasswd\n", config);
        Assert.Contains("  delete:\n    enabled: true\n", config);
        Assert.DoesNotContain("blobdescriptor", config);
        Assert.Equal(PackageConfig, File.ReadAllText(files.PackageConfig));
        Assert.Contains("=====> the registry at 10.0.0.5:5000 is set up", output);
        Assert.Contains(["systemctl", "restart", "docker-registry"], host.Commands);
    }

    [Fact]
    public async Task The_credentials_are_napd_s_only_and_the_htpasswd_file_accepts_them()
    {
        await InitAsync("--address", "10.0.0.5");

        var (user, password) = DockerAuthFile.Read(files.AuthFile)!.For("10.0.0.5:5000")!.Value;
        Assert.Equal("napd", user);
        Assert.True(Htpasswd.Accepts(File.ReadAllText(files.Htpasswd), user, password));
        Assert.StartsWith("napd:$2", File.ReadAllText(files.Htpasswd));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(files.AuthDir));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(files.AuthFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(files.CaKey));
        Assert.Contains(["chgrp", "docker-registry", files.Htpasswd], host.Commands);
        Assert.Equal(new RegistryRecord("10.0.0.5:5000", "napd"), RegistryRecord.Read(files.Record));
    }

    [Fact]
    public async Task The_engine_trusts_the_registry_s_certificate_through_certs_d_and_the_certificate_names_the_address()
    {
        await InitAsync("--address", "10.0.0.5", "--port", "5443");

        var trusted = File.ReadAllText(Path.Combine(root, "etc/docker/certs.d/10.0.0.5:5443/ca.crt"));
        Assert.Equal(File.ReadAllText(files.CaCertificate), trusted);
        using var ca = X509Certificate2.CreateFromPem(trusted);
        using var server = X509Certificate2.CreateFromPem(File.ReadAllText(files.ServerCertificate));
        Assert.True(RegistryCertificates.Fits(server, ca, "10.0.0.5", DateTimeOffset.UtcNow));
        Assert.False(RegistryCertificates.Fits(server, ca, "10.0.0.6", DateTimeOffset.UtcNow));
        Assert.Contains("addr: :5443\n", File.ReadAllText(files.Config));
    }

    [Fact]
    public async Task A_second_init_changes_nothing_restarts_nothing_and_says_so()
    {
        await InitAsync("--address", "10.0.0.5");
        var written = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        host.Commands.Clear();
        host.Active = true;

        var (exit, output, _) = await InitAsync();

        Assert.Equal(0, exit);
        Assert.Equal("=====> the registry at 10.0.0.5:5000 is set up: nothing to change", output.Trim());
        Assert.DoesNotContain(host.Commands, c => c.Contains("restart"));
        Assert.Equal(written, Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText));
    }

    [Fact]
    public async Task A_new_address_gets_a_new_server_certificate_from_the_same_CA()
    {
        await InitAsync("--address", "10.0.0.5");
        var ca = File.ReadAllText(files.CaCertificate);

        var (_, output, _) = await InitAsync("--address", "10.0.0.9");

        Assert.Equal(ca, File.ReadAllText(files.CaCertificate));
        Assert.Contains("made the registry's certificate for 10.0.0.9", output);
        Assert.DoesNotContain("made a CA", output);
        Assert.True(File.Exists(Path.Combine(root, "etc/docker/certs.d/10.0.0.9:5000/ca.crt")));
    }

    [Fact]
    public void An_admin_s_storage_directory_is_carried_over() =>
        Assert.Equal("/srv/registry", RegistryConfig.StorageOf(PackageConfig.Replace("/var/lib/docker-registry", "/srv/registry")));

    [Fact]
    public async Task Without_the_package_init_says_how_to_install_it_in_one_line()
    {
        File.Delete(files.Binary);

        var (exit, output, error) = await InitAsync();

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal("nap registry init: Debian's docker-registry is not installed: apt-get install docker-registry, then run nap registry init again", error.Trim());
    }

    [Fact]
    public async Task A_registry_that_does_not_answer_fails_init_in_one_line()
    {
        host.Problem = "https://10.0.0.5:5000/v2/ did not answer: Connection refused";

        var (exit, _, error) = await InitAsync("--address", "10.0.0.5");

        Assert.Equal(1, exit);
        Assert.Equal("nap registry init: the registry does not answer as set up: https://10.0.0.5:5000/v2/ did not answer: Connection refused (see journalctl -u docker-registry)", error.Trim());
    }

    [Theory]
    [InlineData("init", "--port", "0")]
    [InlineData("init", "--address", "10.0.0.5:5000")]
    [InlineData("init", "--bogus")]
    [InlineData("start")]
    public async Task Bad_arguments_are_refused_with_the_way_to_the_help(params string[] args)
    {
        var stderr = new StringWriter();

        var exit = await RegistryCommand.RunAsync(args, new StringWriter(), stderr, files, host, root: true);

        Assert.Equal(2, exit);
        Assert.StartsWith("nap registry: unknown arguments", stderr.ToString());
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    sealed class FakeHost : IRegistryHost
    {
        public List<string[]> Commands { get; } = [];
        public bool Active { get; set; }
        public string? Problem { get; set; }

        public Task<(int Exit, string Output)> RunAsync(params string[] argv)
        {
            Commands.Add(argv);
            return Task.FromResult((argv is ["systemctl", "is-active", ..] && !Active ? 3 : 0, ""));
        }

        public Task<string?> ProbeAsync(string address, string caPem, string user, string password) => Task.FromResult(Problem);
    }
}
