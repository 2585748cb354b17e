namespace Nap.Deployer.HostCheck;

/// <summary>
/// Whether this host can build and run apps the way nap's units do: the programs they start exist, the docker CLI
/// answers for itself and for the engine, and BuildKit is there (built into docker 20.10; from docker 23 on only
/// through the buildx plugin). napd runs it at its start, before every build, and as `napd --check-host` for install.sh.
/// </summary>
public sealed class DockerHostCheck(IReadOnlyList<string> programs, HostCheckReport report)
{
    /// <summary>The first docker release whose CLI builds with BuildKit only through the buildx plugin.</summary>
    const int BuildxFromMajor = 23;

    /// <summary>Where the docker CLI looks for its plugins besides the user's home, in its order.</summary>
    static readonly string[] PluginDirs = ["/usr/local/lib/docker/cli-plugins", "/usr/local/libexec/docker/cli-plugins", "/usr/lib/docker/cli-plugins", "/usr/libexec/docker/cli-plugins"];

    volatile HostReadiness? _last;

    public DockerHostCheck(HostCheckReport report) : this(UnitPrograms.All, report)
    {
    }

    /// <summary>
    /// Before a build: null when the host can build. Once a check passed, only the programs are looked at again
    /// (a stat each, nothing on the push's path); after a failed one the whole check runs again, so a host put
    /// right needs no restart of napd.
    /// </summary>
    public async Task<string?> ProblemAsync(CancellationToken ct)
    {
        if (_last is { Ready: true } last && MissingProgram() is null && (last.Buildx is null || IsExecutable(last.Buildx)))
            return null;
        return (await CheckAsync(ct)).Problem;
    }

    /// <summary>
    /// The buildx binary the build unit runs directly, from the last check (null: `docker build`). On docker 23 on,
    /// `docker build` is the CLI starting the plugin: two Go programs' start, 0.2 s of each build on Debian 13.
    /// </summary>
    public string? Buildx => _last?.Buildx;

    public async Task<HostReadiness> CheckAsync(CancellationToken ct)
    {
        var readiness = await ReadAsync(ct);
        if (_last != readiness)
            report.Changed(readiness);
        _last = readiness;
        return readiness;
    }

    async Task<HostReadiness> ReadAsync(CancellationToken ct)
    {
        if (MissingProgram() is { } missing)
            return HostReadiness.Unusable($"{missing} is missing, and nap's build and run units start it: install the docker CLI (apt-get install docker-cli on Debian 13, apt-get install --reinstall docker.io on Debian 12)");
        var docker = new DockerCli(programs.FirstOrDefault(p => System.IO.Path.GetFileName(p) == "docker") ?? "docker");
        var (client, server, error) = await docker.VersionAsync(ct);
        if (client.Length == 0)
            return HostReadiness.Unusable($"{docker.Path} version fails ({error}): install the docker CLI again");
        if (server.Length == 0)
            return HostReadiness.Unusable($"the Docker engine does not answer {docker.Path} ({error}): start it with systemctl start docker");
        if (Major(client) < BuildxFromMajor)
            return HostReadiness.Usable($"docker {client}, engine {server}, BuildKit built in");
        if (await docker.BuildxAsync(ct) is not { } buildx)
            return HostReadiness.Unusable($"docker {client} builds with BuildKit only through the buildx plugin, and it has none: apt-get install docker-buildx");
        var plugin = PluginDirs.Select(dir => System.IO.Path.Combine(dir, "docker-buildx")).FirstOrDefault(IsExecutable);
        return HostReadiness.Usable($"docker {client}, engine {server}, BuildKit through buildx {Word(buildx, 1)}{(plugin is null ? "" : $" ({plugin}, run directly)")}") with { Buildx = plugin };
    }

    string? MissingProgram() => programs.FirstOrDefault(p => !IsExecutable(p));

    static bool IsExecutable(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    /// <summary>"github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3", 1 → "0.13.1+ds1".</summary>
    static string Word(string text, int index) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { } words && words.Length > index ? words[index] : text;

    /// <summary>"26.1.5+dfsg1" → 26; a version docker did not print as digits counts as new.</summary>
    static int Major(string version) =>
        int.TryParse(version.Split('.')[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var major) ? major : int.MaxValue;
}
