using CliWrap.Buffered;
using CliWrap;

namespace Nap.Deployer.Nginx;

/// <summary>
/// Owns the apps' files in nginx's conf dir. A file only stays if `nginx -t` accepts the whole
/// configuration with it; otherwise the previous file comes back and nginx is never reloaded,
/// so a bad file cannot reach the running nginx.
/// </summary>
public sealed class NginxFrontDoor(NginxOptions options)
{
    // nginx -t reads every app's file: two apps changing at once must not see each other's trial.
    static readonly SemaphoreSlim Gate = new(1, 1);

    public string PathOf(string app) => Path.Combine(options.ConfDir, NginxConf.FileName(app));

    // An nginx that refused the TLS default server (another site is that port's default, or it is older than
    // 1.19.4) is not asked again until napd restarts: every TLS rewrite would pay an nginx -t for it.
    bool tlsDefaultRefused;

    /// <summary>
    /// Writes the site as given, certificate included: every caller builds it in one place (Routing's AppSites).
    /// <paramref name="claiming"/> are domains the site takes now (all of them in its first file): if any other nginx
    /// site (the host's own, in sites-enabled) already serves one, the file is put back. Domains the site already
    /// had are not checked, so a site the admin added later never stops the app's deploys.
    /// </summary>
    public async Task ApplyAsync(NginxSite site, CancellationToken ct, IReadOnlyCollection<string>? claiming = null)
    {
        var path = PathOf(site.App);
        await ReplaceAsync(path, site.App, NginxConf.Render(site), ct, File.Exists(path) ? claiming ?? [] : site.Domains);
        if (site.Tls is not null)
            await EnsureTlsDefaultAsync(site.TlsPort);
    }

    /// <summary>Removes the app's file (absent is fine) and reloads.</summary>
    public Task RemoveAsync(string app, CancellationToken ct) => ReplaceAsync(PathOf(app), app, null, ct, []);

    /// <summary>The server that takes webhooks on the host's own address (<see cref="NginxConf.HooksServer"/>); unchanged, nothing reloads.</summary>
    public Task EnsureHooksServerAsync(string address, string socket, CancellationToken ct) =>
        ReplaceAsync(Path.Combine(options.ConfDir, NginxConf.HooksFileName), "the webhooks' server", NginxConf.HooksServer(address, socket), ct, []);

    /// <summary>Writes the TLS port's default server (<see cref="NginxConf.TlsDefault"/>) with the first site that serves TLS.</summary>
    async Task EnsureTlsDefaultAsync(int tlsPort)
    {
        var path = Path.Combine(options.ConfDir, NginxConf.TlsDefaultFileName);
        if (tlsDefaultRefused || File.Exists(path))
            return;
        try
        {
            await ReplaceAsync(path, $"port {tlsPort}'s default server", NginxConf.TlsDefault(tlsPort), CancellationToken.None, []);
        }
        catch (NginxException)
        {
            tlsDefaultRefused = true;
        }
    }

    async Task ReplaceAsync(string path, string what, string? content, CancellationToken ct, IReadOnlyCollection<string> claiming)
    {
        await Gate.WaitAsync(ct);
        try
        {
            var previous = File.Exists(path) ? await File.ReadAllTextAsync(path, CancellationToken.None) : null;
            if (previous == content)
                return;
            Write(path, content);
            var test = await RunAsync(options.Binary, options.TestArguments);
            if (test.ExitCode != 0)
            {
                Write(path, previous);
                throw new NginxException($"nginx refused the new configuration for {what}, the previous one stays: {Clean(test)}");
            }
            // nginx only warns of a second server with the same name and port, and serves the first it loaded
            // (conf.d comes before sites-enabled): a warning naming a claimed domain means it is someone else's.
            if (claiming.FirstOrDefault(d => NginxWarnings.ConflictsOn(test.StandardError, d)) is { } taken)
            {
                Write(path, previous);
                throw new NginxException($"{taken} is already served by another nginx site on this host (nginx -t: conflicting server name): remove it there first or choose another domain");
            }
            // A new file's own port was never open in the old workers; its domains' port 80 is (every site with domains
            // shares it), and an old worker answers a new name there with the default site: wait for those to go.
            if (options.PidFile is { } pidFile)
                await ReloadAsync(pidFile, newFile: previous is null && claiming.Count == 0);
        }
        finally
        {
            Gate.Release();
        }
    }

    async Task ReloadAsync(string pidFile, bool newFile)
    {
        // The pid is read once: the workers before, the signal and the wait all concern the same master.
        if (NginxMaster.Pid(pidFile) is not { } master)
        {
            // An nginx whose pid is elsewhere (its own `pid` directive): the service manager knows how to reload it.
            if (options.ReloadWithoutPid.Count == 0)
                throw new NginxException($"nginx does not run (no pid in {pidFile}): start it with systemctl start nginx");
            var reload = await RunAsync(options.ReloadWithoutPid[0], options.ReloadWithoutPid.Skip(1));
            if (reload.ExitCode != 0)
                throw new NginxException($"nginx did not reload: {Clean(reload)}");
            return;
        }
        var oldWorkers = NginxWorkers.Of(master);
        NginxMaster.Reload(master, pidFile);
        // The master's children include the workers earlier reloads left still finishing: this wait covers theirs too.
        OldWorkersGone = NginxWorkers.WaitGoneAsync(oldWorkers, options.WorkerDrainLimit);
        if (newFile)
            await NginxWorkers.WaitStartedAsync(master, oldWorkers, options.WorkerDrainLimit);
        else
            await NginxWorkers.WaitNotAcceptingAsync(oldWorkers, options.WorkerDrainLimit);
    }

    /// <summary>
    /// Until the workers before the last reload have finished the requests they took (or the drain limit has passed):
    /// a switch returns once they take no more, and the release they proxied to stops only after this.
    /// </summary>
    public Task OldWorkersGone { get; private set; } = Task.CompletedTask;

    // Once the file has changed, the test and reload run to the end: a half-done switch is worse than a late one.
    static Task<BufferedCommandResult> RunAsync(string binary, IEnumerable<string> args) =>
        Cli.Wrap(binary).WithArguments(args).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(CancellationToken.None).Task;

    static void Write(string path, string? content)
    {
        if (content is null)
        {
            File.Delete(path);
            return;
        }
        // The temp name does not end in .conf, so nginx's include glob never sees a half-written file.
        var temp = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp");
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
    }

    static string Clean(BufferedCommandResult result) =>
        string.Join(" ", (result.StandardError + "\n" + result.StandardOutput)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.EndsWith("test failed", StringComparison.Ordinal)));
}
