using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Nap.Protocol;

namespace Nap.Cli.Registry;

/// <summary>
/// `nap registry init`: Debian's docker-registry served over TLS with nap's own CA, htpasswd credentials only napd and
/// the engines use, the engine trusting the CA through certs.d, and the registry recorded for napd. Each part is
/// compared with what is there and written only when it differs, so a second run changes nothing and says so.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RegistryInit(RegistryFiles files, IRegistryHost host, TimeProvider clock)
{
    public const int DefaultPort = 5000;
    public const string User = "napd";

    readonly List<string> changes = [];
    bool restart;

    /// <param name="hostName">The address the nodes reach the registry at; null: the recorded one, else the host's primary IPv4.</param>
    public async Task<int> RunAsync(string? hostName, int? port, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(files.Binary) || !File.Exists(files.Config))
            return Fail(stderr, "Debian's docker-registry is not installed: apt-get install docker-registry, then run nap registry init again");
        RegistryRecord? recorded;
        try
        {
            recorded = RegistryRecord.Read(files.Record);
        }
        catch (JsonException e)
        {
            return Fail(stderr, $"{files.Record} is not a registry record ({e.Message}): remove it and run nap registry init again");
        }
        var (oldHost, oldPort) = Split(recorded?.Address);
        var name = hostName ?? oldHost ?? PrimaryAddress.Find();
        var address = $"{name}:{port ?? oldPort ?? DefaultPort}";

        var ca = Ca(name);
        await ServerCertificateAsync(name, ca);
        var password = await CredentialsAsync(address);
        await ConfigAsync(port ?? oldPort ?? DefaultPort);
        Write(files.EngineTrust(address), ca.ExportCertificatePem(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            $"the engine trusts it: {files.EngineTrust(address)} (no insecure-registries)");
        if (Write(files.GcUnit, GcUnit(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            $"installed {RegistryFiles.GcUnitName}: napd starts it after retention deleted old tags"))
            await MustAsync("systemctl", "daemon-reload");
        var record = JsonSerializer.Serialize(new RegistryRecord(address, User), RegistryJson.Default.RegistryRecord) + "\n";
        Write(files.Record, record, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            $"recorded it in {files.Record}: napd pushes each release there");

        var (active, _) = await host.RunAsync("systemctl", "is-active", "--quiet", RegistryFiles.Service);
        if (restart || active != 0)
        {
            await MustAsync("systemctl", "enable", "--quiet", RegistryFiles.Service);
            await MustAsync("systemctl", "restart", RegistryFiles.Service);
            changes.Add($"restarted {RegistryFiles.Service}");
        }
        if (await host.ProbeAsync(address, ca.ExportCertificatePem(), User, password) is { } problem)
            return Fail(stderr, $"the registry does not answer as set up: {problem} (see journalctl -u {RegistryFiles.Service})");

        foreach (var change in changes)
            await stdout.WriteLineAsync(RemoteLines.Step(change));
        await stdout.WriteLineAsync(RemoteLines.Done(changes.Count == 0
            ? $"the registry at {address} is set up: nothing to change"
            : $"the registry at {address} is set up: napd pushes each release to it"));
        return 0;
    }

    X509Certificate2 Ca(string name)
    {
        Directory.CreateDirectory(files.CaDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(files.CaDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!File.Exists(files.CaCertificate) || !File.Exists(files.CaKey))
        {
            var (certificate, key) = RegistryCertificates.CreateCa(name, clock.GetUtcNow());
            Write(files.CaKey, key, UnixFileMode.UserRead | UnixFileMode.UserWrite, null);
            Write(files.CaCertificate, certificate, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, null);
            changes.Add($"made a CA for the registry: {files.CaCertificate} (its key beside it, root only)");
        }
        return X509Certificate2.CreateFromPemFile(files.CaCertificate, files.CaKey);
    }

    async Task ServerCertificateAsync(string name, X509Certificate2 ca)
    {
        if (File.Exists(files.ServerCertificate) && File.Exists(files.ServerKey))
        {
            using var current = X509Certificate2.CreateFromPem(File.ReadAllText(files.ServerCertificate));
            if (RegistryCertificates.Fits(current, ca, name, clock.GetUtcNow()))
                return;
        }
        var (certificate, key) = RegistryCertificates.CreateServer(name, ca, clock.GetUtcNow());
        await PrivateDirAsync(files.TlsDir);
        Write(files.ServerKey, key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, null);
        await MustAsync("chgrp", RegistryFiles.Group, files.ServerKey);
        Write(files.ServerCertificate, certificate, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, null);
        changes.Add($"made the registry's certificate for {name}, signed by that CA: {files.ServerCertificate}");
        restart = true;
    }

    /// <returns>napd's password, as the engine's config.json has it for <paramref name="address"/>.</returns>
    async Task<string> CredentialsAsync(string address)
    {
        var auth = DockerAuthFile.Read(files.AuthFile)?.For(address);
        if (auth is { User: User, Password: var kept } && File.Exists(files.Htpasswd) && Htpasswd.Accepts(File.ReadAllText(files.Htpasswd), User, kept))
            return kept;
        var password = Htpasswd.NewPassword();
        Write(files.Htpasswd, Htpasswd.Line(User, password), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, null);
        await MustAsync("chgrp", RegistryFiles.Group, files.Htpasswd);
        Directory.CreateDirectory(files.AuthDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(files.AuthDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Write(files.AuthFile, JsonSerializer.Serialize(DockerAuthFile.Of(address, User, password), RegistryJson.Default.DockerAuthFile) + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite, null);
        changes.Add($"made the credentials of user {User}: {files.Htpasswd} (bcrypt), napd's DOCKER_CONFIG {files.AuthDir} (root only)");
        restart = true;
        return password;
    }

    async Task ConfigAsync(int port)
    {
        var current = File.ReadAllText(files.Config);
        var wanted = RegistryConfig.Render(files, port, RegistryConfig.StorageOf(current));
        if (current == wanted)
            return;
        if (!File.Exists(files.PackageConfig) && !current.StartsWith("# Written by `nap registry init`", StringComparison.Ordinal))
            File.Copy(files.Config, files.PackageConfig);
        Write(files.Config, wanted, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, null);
        changes.Add($"configured {files.Config}: TLS, htpasswd auth, deletes on, port {port}");
        restart = true;
        await Task.CompletedTask;
    }

    string GcUnit() => $"""
        # Written by `nap registry init`. napd starts it after retention deleted old tags through the registry's API,
        # while no push of its runs: garbage-collect frees the blobs no manifest names any more.
        [Unit]
        Description=nap: garbage-collect the registry's unreferenced blobs
        After={RegistryFiles.Service}.service

        [Service]
        Type=oneshot
        User={RegistryFiles.Group}
        ExecStart=/usr/bin/docker-registry garbage-collect {"/" + Path.GetRelativePath(files.Root, files.Config).Replace('\\', '/')}

        """;

    /// <summary>Writes <paramref name="text"/> unless the file holds it already (atomically: temp file, rename).</summary>
    /// <returns>Whether it wrote.</returns>
    bool Write(string file, string text, UnixFileMode mode, string? change)
    {
        if (File.Exists(file) && File.ReadAllText(file) == text)
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = file + ".nap-new";
        File.WriteAllText(temp, "");
        File.SetUnixFileMode(temp, mode);
        File.WriteAllText(temp, text);
        File.Move(temp, file, overwrite: true);
        if (change is not null)
            changes.Add(change);
        return true;
    }

    async Task PrivateDirAsync(string dir)
    {
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        await MustAsync("chgrp", RegistryFiles.Group, dir);
    }

    async Task MustAsync(params string[] argv)
    {
        var (exit, output) = await host.RunAsync(argv);
        if (exit != 0)
            throw new RegistryInitException($"{string.Join(' ', argv)} failed ({exit}): {output.ReplaceLineEndings(" ")}");
    }

    static (string? Host, int? Port) Split(string? address) =>
        address?.LastIndexOf(':') is { } colon and > 0 && int.TryParse(address[(colon + 1)..], out var port) ? (address[..colon], port) : (null, null);

    static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"nap registry init: {message}");
        return 1;
    }
}

public sealed class RegistryInitException(string message) : Exception(message);
