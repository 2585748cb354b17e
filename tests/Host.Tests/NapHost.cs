using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace Nap.Host.Tests;

/// <summary>
/// A real nap host: a container booting systemd with sshd, nginx and its own dockerd
/// (docs: ../shared/TESTBED.md), provisioned with scripts/install.sh and the published binaries,
/// with one registered test key. Share it through <see cref="NapHostCollection"/>; boot more with
/// <c>await using var other = await NapHost.BootAsync();</c>.
/// </summary>
public sealed class NapHost : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Where the repository's scripts/ and systemd/ and the published binaries are copied inside the host.</summary>
    public const string NapSource = "/opt/nap";

    public const string TestKeyName = "tester";

    static NapHost()
    {
        // The engine here speaks API 1.41 and no registry serves Ryuk (TESTBED.md); set before Testcontainers starts.
        SetDefault("DOCKER_API_VERSION", "1.41");
        SetDefault("TESTCONTAINERS_RYUK_DISABLED", "true");
    }

    readonly string _workDir = Directory.CreateTempSubdirectory("nap-host-").FullName;
    IContainer? _container;
    bool _bare;

    string? _ip;

    public string Ip => _ip ?? Container.IpAddress;

    /// <summary>
    /// After `docker restart`, docker's bridge may give the container another address (a real host keeps
    /// its own; nap keeps the port): reads it again, so ssh, git and the specs follow the host.
    /// </summary>
    public async Task<string> FollowRestartAsync()
    {
        _ip = (await Run.Async("docker", ["inspect", "-f", "{{.NetworkSettings.IPAddress}}", ContainerId])).EnsureSuccess("docker inspect").Stdout.Trim();
        return _ip;
    }

    public string ContainerId => Container.Id;

    /// <summary>The key registered as <see cref="TestKeyName"/> (not an admin).</summary>
    public SshKey TestKey { get; private set; } = null!;

    public ExecResult FirstInstall { get; private set; } = null!;

    public ExecResult SecondInstall { get; private set; } = null!;

    /// <summary>For real `git push nap@IP:app master` with the test key.</summary>
    public IReadOnlyDictionary<string, string> GitEnvironment => GitEnvironmentFor(TestKey);

    IContainer Container => _container ?? throw new InvalidOperationException("the nap host is not booted");

    public static Task<NapHost> BootAsync() => BootAsync(new NapHost());

    /// <summary>
    /// A fresh host with nothing of nap on it, for installing nap another way (its Debian package); then
    /// <see cref="PrepareForPushesAsync"/> once nap is installed.
    /// </summary>
    public static Task<NapHost> BootBareAsync() => BootAsync(new NapHost { _bare = true });

    static async Task<NapHost> BootAsync(NapHost host)
    {
        try
        {
            await host.InitializeAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async Task InitializeAsync()
    {
        HostPrerequisites.Check();
        _container = new ContainerBuilder(RepoLayout.HostImage)
            .WithName($"nap-host-{Guid.NewGuid():N}"[..20])
            .WithLabel("nap.test", "host")
            // scripts/test.sh removes hosts whose test process is gone, and only those: others may be mid-run.
            .WithLabel("nap.test.pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("container", "docker")
            .WithBindMount("/sys/fs/cgroup", "/sys/fs/cgroup", AccessMode.ReadWrite)
            .WithTmpfsMount("/run")
            .WithTmpfsMount("/run/lock")
            .WithCreateParameterModifier(p =>
            {
                // --privileged fails on these VMs ("unable to apply caps"): these flags are enough for systemd.
                p.HostConfig ??= new Docker.DotNet.Models.HostConfig();
                p.HostConfig.CapAdd = ["SYS_ADMIN", "NET_ADMIN"];
                p.HostConfig.SecurityOpt = ["seccomp=unconfined", "apparmor=unconfined"];
                p.HostConfig.CgroupnsMode = "host";
                // An anonymous volume, so the inner dockerd gets overlay2 instead of vfs; removed with the container.
                p.Volumes = new Dictionary<string, Docker.DotNet.Models.EmptyStruct> { ["/var/lib/docker"] = default };
            })
            .WithCleanUp(false)
            .Build();
        try
        {
            await Container.StartAsync();
            await ProvisionAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose initialization failed: do not leave a host running.
            await RemoveContainerAsync();
            throw;
        }
    }

    async Task ProvisionAsync()
    {
        await WaitForSystemdAsync();
        if (_bare)
            return;
        await CopyInAsync();
        FirstInstall = await Exec($"{NapSource}/scripts/install.sh", "--from", $"{NapSource}/publish");
        if (FirstInstall.ExitCode != 0)
            throw new InvalidOperationException($"install.sh failed on the host: {FirstInstall}{await DiagnosticsAsync()}");
        SecondInstall = (await Exec($"{NapSource}/scripts/install.sh", "--from", $"{NapSource}/publish"))
            .EnsureSuccess("install.sh (second run)");
        if (!SecondInstall.Stdout.Contains("nothing to change", StringComparison.Ordinal))
            throw new InvalidOperationException($"install.sh changed things on its second run: {SecondInstall}");
        await PrepareForPushesAsync();
    }

    /// <summary>What the sample apps need once nap is installed: the busybox image in the host's docker, the test key.</summary>
    public async Task PrepareForPushesAsync()
    {
        await LoadBusyboxAsync();
        TestKey = await AddKeyAsync(TestKeyName);
    }

    /// <summary>Runs a command as root inside the host (argv, no shell: use "sh", "-c", ... for one).</summary>
    public Task<ExecResult> Exec(params string[] command) => ExecWithInput(null, command);

    public Task<ExecResult> ExecWithInput(string? stdin, params string[] command) =>
        Run.Async("docker", ["exec", "-i", ContainerId, .. command], stdin);

    /// <summary>A new ed25519 key on the test machine, not registered on the host.</summary>
    public Task<SshKey> NewKeyAsync(string name) => SshKey.GenerateAsync(_workDir, name);

    /// <summary>A new key registered with `nap keys add NAME [--admin]` on the host.</summary>
    public async Task<SshKey> AddKeyAsync(string name, bool admin = false)
    {
        var key = await NewKeyAsync(name);
        string[] add = admin ? ["nap", "keys", "add", name, "--admin"] : ["nap", "keys", "add", name];
        (await ExecWithInput(key.PublicKey + "\n", add)).EnsureSuccess($"nap keys add {name}");
        return key;
    }

    /// <summary>`ssh nap@IP COMMAND` with the test key.</summary>
    public Task<ExecResult> Ssh(string command) => Ssh(TestKey, [], command);

    /// <summary>
    /// The real ssh client with <paramref name="key"/>, extra options (e.g. "-tt") and an optional command.
    /// The extra options come first because ssh keeps the first value of an option ("-o LogLevel=INFO" wins).
    /// </summary>
    public Task<ExecResult> Ssh(SshKey key, IEnumerable<string> options, string? command = null, string? stdin = null) =>
        Run.Async("ssh", [.. options, .. SshOptions(key), $"nap@{Ip}", .. command is null ? Array.Empty<string>() : [command]],
            stdin ?? "", timeout: TimeSpan.FromMinutes(10));

    public IReadOnlyDictionary<string, string> GitEnvironmentFor(SshKey key) => new Dictionary<string, string>
    {
        ["GIT_SSH_COMMAND"] = "ssh " + string.Join(' ', SshOptions(key)),
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        ["GIT_AUTHOR_NAME"] = "nap tests",
        ["GIT_AUTHOR_EMAIL"] = "tests@nap.invalid",
        ["GIT_COMMITTER_NAME"] = "nap tests",
        ["GIT_COMMITTER_EMAIL"] = "tests@nap.invalid",
    };

    /// <summary>The ssh options every connection uses: this key only, batch mode, the fixture's known_hosts.</summary>
    public IReadOnlyList<string> SshOptions(SshKey key) =>
    [
        "-i", key.PrivateKeyPath,
        "-o", "IdentitiesOnly=yes",
        "-o", "IdentityAgent=none",
        "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=accept-new",
        "-o", $"UserKnownHostsFile={Path.Combine(_workDir, "known_hosts")}",
        "-o", "ConnectTimeout=20",
        "-o", "LogLevel=ERROR",
    ];

    async Task WaitForSystemdAsync()
    {
        // Right after start, systemctl cannot reach the bus yet; "degraded" is fine (a unit the container cannot run).
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var state = await Exec("systemctl", "is-system-running", "--wait");
            if (state.Stdout.Trim() is "running" or "degraded")
                return;
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"systemd did not boot in the host container: {state}");
            await Task.Delay(500);
        }
    }

    /// <summary>Copies the repository's scripts/ to /opt/nap/scripts, as an admin would copy nap's repository to a new machine.</summary>
    public async Task CopyScriptsAsync()
    {
        (await Exec("mkdir", "-p", NapSource)).EnsureSuccess("mkdir " + NapSource);
        (await Run.Async("docker", ["cp", RepoLayout.Scripts + "/.", $"{ContainerId}:{NapSource}/scripts"])).EnsureSuccess("docker cp scripts");
    }

    async Task CopyInAsync()
    {
        var publish = RepoLayout.PublishDir;
        (await Exec("mkdir", "-p", NapSource)).EnsureSuccess("mkdir " + NapSource);
        foreach (var (from, to) in new[] { (RepoLayout.Scripts, "scripts"), (RepoLayout.Systemd, "systemd"), (publish, "publish") })
        {
            (await Run.Async("docker", ["cp", from + "/.", $"{ContainerId}:{NapSource}/{to}"]))
                .EnsureSuccess($"docker cp {from}");
        }
    }

    async Task LoadBusyboxAsync()
    {
        // The inner engine has no registry either: hand it the image the sample apps build FROM.
        (await Run.Async("bash", ["-c", $"set -o pipefail; docker save {RepoLayout.BusyboxImage} | docker exec -i {ContainerId} docker load"]))
            .EnsureSuccess($"loading {RepoLayout.BusyboxImage} into the host's docker");
    }

    async Task<string> DiagnosticsAsync()
    {
        var journal = await Exec("journalctl", "--no-pager", "-n", "60", "-u", "napd", "-u", "ssh");
        return $"\n--- journalctl -u napd -u ssh\n{journal.Stdout}";
    }

    static void SetDefault(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
            Environment.SetEnvironmentVariable(name, value);
    }

    public async Task DisposeAsync()
    {
        await RemoveContainerAsync();
        if (Directory.Exists(_workDir))
            Directory.Delete(_workDir, recursive: true);
    }

    async Task RemoveContainerAsync()
    {
        if (_container is null)
            return;
        // Our own cleanup (Ryuk is off): the container and its /var/lib/docker volume.
        await Run.Async("docker", ["rm", "-f", "-v", _container.Id]);
        await _container.DisposeAsync();
        _container = null;
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
