using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>
/// One independent host per fault class (faults break the host: napd, docker, nginx, reboots), booted
/// once for the class; each case uses its own app names.
/// </summary>
public sealed class FaultHostFixture : IAsyncLifetime
{
    public NapHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await NapHost.BootAsync();

    public async Task DisposeAsync()
    {
        if (Host is not null)
            await Host.DisposeAsync();
    }
}

/// <summary>What the fault specs check after a fault: the old release answers, nothing stray is left, state agrees.</summary>
public static partial class FaultHost
{
    [GeneratedRegex(@"deployed: (http://\S+) \(release (\d+)")]
    private static partial Regex Deployed();

    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static (string Url, int Release) AddressOf(ExecResult push)
    {
        var match = Deployed().Match(push.Output);
        Assert.True(push.ExitCode == 0 && match.Success, push.ToString());
        return (match.Groups[1].Value, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Pushes and asserts the deploy succeeded and serves <paramref name="page"/>.</summary>
    public static async Task<(string Url, int Release)> DeployAsync(this GitWorkTree tree, string app, string page = "Hello from nap")
    {
        var (url, release) = AddressOf(await tree.PushAsync(app));
        await ServesAsync(url, page);
        return (url, release);
    }

    /// <summary>Changes the page and commits, so the next push is a new revision.</summary>
    public static async Task ChangePageAsync(this GitWorkTree tree, string page)
    {
        await File.WriteAllTextAsync(tree.File("www/index.html"), $"<h1>{page}</h1>\n");
        await tree.CommitAsync(page);
    }

    /// <summary>The app takes a change again: a new page, pushed, deploys at the same address, and that release alone runs.</summary>
    public static async Task RepushServesAsync(this GitWorkTree tree, string app, string page, string url)
    {
        await tree.ChangePageAsync(page);
        var (again, next) = await tree.DeployAsync(app, page);
        Assert.Equal(url, again);
        await tree.Host.AssertOnlyReleaseAsync(app, next, url);
    }

    /// <summary>Writes the Dockerfile and commits.</summary>
    public static async Task DockerfileAsync(this GitWorkTree tree, string dockerfile, string message)
    {
        await File.WriteAllTextAsync(tree.File("Dockerfile"), dockerfile);
        await tree.CommitAsync(message);
    }

    /// <summary>A build that runs for a while (so a fault can hit it), then makes the hello image.</summary>
    public const string SlowBuild = "FROM local/busybox:latest\nCOPY www /www\nRUN [\"/bin/sleep\", \"40\"]\nEXPOSE 8080\nCMD [\"/bin/httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n";

    /// <summary>A container that answers only after 25 s: the deploy sits in its health gate, before nginx moves.</summary>
    public const string SlowStart = "FROM local/busybox:latest\nCOPY www /www\nEXPOSE 8080\nCMD [\"/bin/sh\", \"-c\", \"sleep 25; exec /bin/httpd -f -p 8080 -h /www\"]\n";

    /// <summary>
    /// Starts at once, or after the app's config DELAY seconds: a redeploy of the same image can be made to sit in its
    /// health gate. While it waits it stops on SIGTERM (a shell as PID 1 would ignore it, and docker stop would wait 10 s).
    /// </summary>
    public const string DelayedStart = "FROM local/busybox:latest\nCOPY www /www\nEXPOSE 8080\nCMD [\"/bin/sh\", \"-c\", \"trap 'exit 143' TERM; sleep ${DELAY:-0} & wait; exec /bin/httpd -f -p 8080 -h /www\"]\n";

    /// <summary>Asserts <paramref name="url"/> answers with <paramref name="page"/> within <paramref name="within"/> (nginx reloads and restarts take a moment).</summary>
    public static async Task ServesAsync(string url, string page, TimeSpan? within = null)
    {
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        var last = "";
        while (true)
        {
            try
            {
                last = await Http.GetStringAsync(url);
                if (last.Contains(page, StringComparison.Ordinal))
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            if (DateTime.UtcNow > until)
                Assert.Fail($"{url} does not serve '{page}': {last}");
            await Task.Delay(500);
        }
    }

    /// <summary>Waits until a shell condition holds on the host (e.g. the build unit runs), or fails.</summary>
    public static async Task WaitForAsync(this NapHost host, string condition, string what, TimeSpan? within = null, bool fail = true)
    {
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(90));
        while ((await host.Exec("sh", "-c", condition)).ExitCode != 0)
        {
            if (DateTime.UtcNow > until && !fail)
                return;
            if (DateTime.UtcNow > until)
                Assert.Fail($"timed out waiting for {what} ({condition})");
            await Task.Delay(300);
        }
    }

    public static Task WaitForBuildAsync(this NapHost host, string app) =>
        host.WaitForAsync($"systemctl is-active nap-{app}-build.service | grep -qx activating && docker ps --format '{{{{.Image}}}}' | grep -q .", $"the build of {app} to run");

    public static Task WaitForContainerAsync(this NapHost host, string app, int release) =>
        host.WaitForAsync($"docker ps --format '{{{{.Names}}}}' | grep -qx nap-{app}-{release}", $"container nap-{app}-{release}");

    /// <summary>The repo's refs as root sees them.</summary>
    public static async Task<string> RefsAsync(this NapHost host, string app) =>
        (await host.Exec("git", "-c", "safe.directory=*", "--git-dir", $"/var/lib/nap/repos/{app}.git", "for-each-ref", "--format=%(refname) %(objectname)")).Stdout;

    /// <summary>SIGKILL to napd (the whole unit); systemd restarts it (Restart=on-failure); waits until it answers again.</summary>
    public static async Task KillNapdAsync(this NapHost host)
    {
        var before = (await host.Exec("systemctl", "show", "-p", "MainPID", "--value", "napd")).Stdout.Trim();
        (await host.Exec("systemctl", "kill", "-s", "KILL", "napd")).EnsureSuccess("systemctl kill napd");
        // Right after the kill systemd may still say active while MainPID is already 0: wait for a new process that is ready.
        await host.WaitForAsync($"pid=$(systemctl show -p MainPID --value napd); test \"$pid\" != 0 && test \"$pid\" != '{before}' && systemctl is-active napd | grep -qx active",
            "napd to come back", TimeSpan.FromSeconds(90));
        // napd takes 5 to 15 s to start on a busy 2-core machine.
        var until = DateTime.UtcNow.AddSeconds(60);
        ExecResult apps;
        while ((apps = await host.Ssh("apps")).ExitCode != 0 && DateTime.UtcNow < until)
            await Task.Delay(500);
        Assert.True(apps.ExitCode == 0, "napd does not answer after its restart: " + apps);
    }

    /// <summary>systemctl restart napd (it reads napd.json and the mount table at its start); waits until its socket is back.</summary>
    public static async Task RestartNapdAsync(this NapHost host)
    {
        // systemd refuses a sixth start within 10 s (its default start limit, meant for crash loops), and specs that
        // set napd.json for each case restart it that often on a quick machine: the count starts again here.
        (await host.Exec("systemctl", "reset-failed", "napd")).EnsureSuccess("systemctl reset-failed napd");
        (await host.Exec("systemctl", "restart", "napd")).EnsureSuccess("systemctl restart napd");
        await host.WaitForAsync("systemctl is-active -q napd && test -S /run/nap/napd.sock", "napd after its restart");
    }

    /// <summary>
    /// Nothing of <paramref name="app"/> runs or exists besides release <paramref name="current"/>: one container,
    /// one active instance, no running build, one nginx file pointing at that release's port, and status agrees.
    /// </summary>
    public static async Task AssertOnlyReleaseAsync(this NapHost host, string app, int current, string url)
    {
        // napd answers the pusher once nginx serves the new release and retires the old one in the background
        // (drain, then `docker stop`, then `docker run --rm` removes the container): give that time to settle.
        var listContainers = $"docker ps -a --format '{{{{.Names}}}}' | grep -E '^nap-{app}-' | sort";
        // A failed build unit is systemd's record of the last failed build (status shows it too); it must not run.
        var listUnits = $"systemctl list-units 'nap-{app}@*' 'nap-{app}-build.service' 'nap-{app}.service' --all --no-legend --plain --state=active,activating,deactivating,failed,reloading | awk '{{print $1, $3, $4}}' | grep -vx 'nap-{app}-build.service failed failed' | sort";
        await host.WaitForAsync($"test \"$({listContainers})\" = nap-{app}-{current} && test \"$({listUnits})\" = 'nap-{app}@{current}.service active running'",
            $"only release {current} of {app}", TimeSpan.FromSeconds(40), fail: false);
        Assert.Equal($"nap-{app}-{current}", (await host.Exec("sh", "-c", listContainers)).Stdout.Trim());
        Assert.Equal($"nap-{app}@{current}.service active running", (await host.Exec("sh", "-c", listUnits)).Stdout.Trim());
        var enabled = (await host.Exec("sh", "-c", $"ls /etc/systemd/system/multi-user.target.wants/ | grep -E '^nap-{app}@' || true")).Stdout.Trim();
        Assert.Equal($"nap-{app}@{current}.service", enabled);
        var nginx = (await host.Exec("sh", "-c", $"ls -A /etc/nginx/conf.d/ | grep -E '^[.]?nap-{app}[.]conf' || true")).Stdout.Trim();
        Assert.Equal($"nap-{app}.conf", nginx);
        var port = (await host.Exec("sh", "-c", $"sed -n 's/^NAP_PORT=//p' /var/lib/nap/apps/{app}/releases/{current}/unit.env")).Stdout.Trim();
        Assert.Contains($"127.0.0.1:{port}", (await host.Exec("cat", $"/etc/nginx/conf.d/nap-{app}.conf")).Stdout);
        var status = await host.Ssh($"status {app} --json");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("\"state\":\"active\"", status.Stdout);
        Assert.Contains($"\"release\":{current},", status.Stdout);
        Assert.Contains($"\"url\":\"{url}\"", status.Stdout);
    }

    /// <summary>A `git push` the test can kill half-way, like a developer's Ctrl-C or a dropped connection.</summary>
    public static Process StartPush(this GitWorkTree tree, string app)
    {
        var start = new ProcessStartInfo("git", ["push", $"nap@{tree.Host.Ip}:{app}", "master"])
        {
            WorkingDirectory = tree.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in tree.Host.GitEnvironment)
            start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("git push did not start");
        // Drain both pipes so git never blocks on a full one.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }
}
