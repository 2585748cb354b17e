using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Nap.Host.Tests;

/// <summary>
/// Issue 18: nap as a sysadmin installs it, its Debian package (scripts/package.sh), on a fresh host that has never seen
/// install.sh. One host goes through the whole story in order, install, push, upgrade under load, remove, purge:
/// each step starts from where the one before left the host, and a host boot is the dearest part of a spec.
/// </summary>
[Trait(Debian13Pass.Trait, Debian13Pass.Included)]
public sealed partial class PackageSpecs(ITestOutputHelper output)
{
    const string App = "packaged";

    /// <summary>Where a file of nap's would be: a name that is nap or napd, alone or beside a separator (nap-*, *.nap, nap_*, stamp-nap-*).</summary>
    const string NapNames = @".*/([^/]*[-_.])?napd?([-_.@][^/]*)?";

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [GeneratedRegex(@"deployed: (http://\S+) \(release (\d+)")]
    private static partial Regex Deployed();

    [Fact]
    public async Task I_can_install_nap_from_its_package_push_an_app_upgrade_nap_under_load_then_remove_and_purge_it()
    {
        var clock = Stopwatch.StartNew();
        var (deb, newer) = await PackagesAsync();
        Step(clock, $"packages {Path.GetFileName(deb)} and {Path.GetFileName(newer)}");
        await using var host = await NapHost.BootBareAsync();
        (await Run.Async("docker", ["cp", deb, $"{host.ContainerId}:/root/"])).EnsureSuccess("docker cp " + deb);
        (await Run.Async("docker", ["cp", newer, $"{host.ContainerId}:/root/"])).EnsureSuccess("docker cp " + newer);
        Step(clock, "fresh host");

        // Install: what a sysadmin types. Debian 13's host resolves docker.io, docker-cli, docker-buildx, nginx and lego
        // from the packages its image keeps in apt's cache.
        var install = await AptAsync(host, "install", "-y", $"/root/{Path.GetFileName(deb)}");
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Equal("active\nactive\nactive\nactive\nactive",
            (await host.Exec("systemctl", "is-active", "napd", "nap-certs-renew.timer", "docker", "nginx", "ssh")).Stdout.Trim());
        Assert.Equal("enabled", (await host.Exec("systemctl", "is-enabled", "napd")).Stdout.Trim());
        Assert.Equal(
            "/etc/nap root:root 755\n/etc/nap/authorized_keys root:root 644\n/etc/nap/napd.json root:root 644\n"
            + "/var/lib/nap root:root 755\n/var/lib/nap/apps root:root 700\n/var/lib/nap/repos nap:nap 750\n/run/nap/napd.sock root:nap 660",
            (await host.Exec("stat", "-c", "%n %U:%G %a", "/etc/nap", "/etc/nap/authorized_keys", "/etc/nap/napd.json",
                "/var/lib/nap", "/var/lib/nap/apps", "/var/lib/nap/repos", "/run/nap/napd.sock")).Stdout.Trim());
        Assert.Equal("nap:*:/var/lib/nap:/bin/sh nap",
            (await host.Exec("sh", "-c", "echo $(getent shadow nap | cut -d: -f1,2):$(getent passwd nap | cut -d: -f6,7) $(id -nG nap)")).Stdout.Trim());
        Assert.Equal("/etc/nap/napd.json", (await host.Exec("dpkg-query", "--control-show", "nap", "conffiles")).Stdout.Trim().Split(' ')[0]);
        // Pushes find nap's systemd --user running rather than starting one each (InstallSpecs says why).
        Assert.Equal("yes", (await host.Exec("loginctl", "show-user", "nap", "-p", "Linger", "--value")).Stdout.Trim());
        // debian/NEWS, which apt-listchanges shows before an upgrade that changes what running apps get.
        Assert.Contains("limits.memoryMegabytes", (await host.Exec("sh", "-c", "zcat /usr/share/doc/nap/NEWS.Debian.gz")).Stdout);
        Step(clock, "apt install");

        // nap keys add, and a git push over the sshd drop-in the package installed.
        await host.PrepareForPushesAsync();
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var push = await app.PushAsync(App);
        var deployed = Deployed().Match(push.Output);
        Assert.True(deployed.Success, push.ToString());
        var url = deployed.Groups[1].Value;
        var unit = $"nap-{App}@{deployed.Groups[2].Value}.service";
        Assert.Equal(200, (int)(await Http.GetAsync(url)).StatusCode);
        Step(clock, "nap keys add and git push");

        // Upgrade under load: napd restarts (a new process), the release keeps serving untouched, an admin's edit of the
        // conffile stays.
        (await host.Exec("sed", "-i", "s/\"drainSeconds\": 2/\"drainSeconds\": 3/", "/etc/nap/napd.json")).EnsureSuccess("editing napd.json");
        var napdBefore = await PropertyAsync(host, "napd", "MainPID");
        var releaseBefore = await PropertyAsync(host, unit, "ActiveEnterTimestampMonotonic");
        var load = HttpLoad.Start(url);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var upgrade = await AptAsync(host, "install", "-y", $"/root/{Path.GetFileName(newer)}");
        await host.WaitForAsync("systemctl is-active -q napd && test -S /run/nap/napd.sock", "napd after the upgrade");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var (served, failures) = await load.StopAsync();
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Contains("Unpacking nap (", upgrade.Stdout);
        Assert.True(failures.Count == 0, load.Summary());
        Assert.True(served > 0, "the load sent nothing");
        Assert.NotEqual(napdBefore, await PropertyAsync(host, "napd", "MainPID"));
        Assert.Equal(releaseBefore, await PropertyAsync(host, unit, "ActiveEnterTimestampMonotonic"));
        Assert.Contains("\"drainSeconds\": 3", (await host.Exec("cat", "/etc/nap/napd.json")).Stdout);
        var status = await host.Ssh($"status {App}");
        Assert.True(status.ExitCode == 0, status.ToString());
        Step(clock, $"apt install of the newer version under load ({served} requests, 0 failed)");

        // Remove: napd stops, sshd forgets the push user's drop-in and logind its lingering; the app and its data stay
        // (and it still serves).
        var remove = await AptAsync(host, "remove", "-y", "nap");
        Assert.True(remove.ExitCode == 0, remove.ToString());
        Assert.Equal("inactive", (await host.Exec("systemctl", "is-active", "napd")).Stdout.Trim());
        Assert.Equal(1, (await host.Exec("test", "-e", "/etc/ssh/sshd_config.d/nap.conf")).ExitCode);
        Assert.Equal(1, (await host.Exec("test", "-e", "/var/lib/systemd/linger/nap")).ExitCode);
        Assert.Equal(0, (await host.Exec("sshd", "-t")).ExitCode);
        Assert.Equal(0, (await host.Exec("test", "-d", $"/var/lib/nap/apps/{App}")).ExitCode);
        Assert.Equal(0, (await host.Exec("test", "-d", $"/var/lib/nap/repos/{App}.git")).ExitCode);
        Assert.Equal(200, (int)(await Http.GetAsync(url)).StatusCode);
        Step(clock, "apt remove");

        // Purge asks nothing (no terminal here) and leaves nothing of nap outside /var/lib/nap (nor docker's own store;
        // the Debian 13 image's docker.service drop-in is the testbed's, scripts/images.sh).
        (await host.Exec("sh", "-c", "rm -f /root/nap_*.deb")).EnsureSuccess("removing the packages");
        var purge = await AptAsync(host, "purge", "-y", "nap");
        Assert.True(purge.ExitCode == 0, purge.ToString());
        var left = await host.Exec("find", "/", "(", "-path", "/proc", "-o", "-path", "/sys", "-o", "-path", "/var/lib/nap",
            "-o", "-path", "/var/lib/docker", "-o", "-path", "/var/lib/containerd",
            "-o", "-path", "/etc/systemd/system/docker.service.d/nap-testbed.conf", ")", "-prune",
            "-o", "-regextype", "posix-extended", "-regex", NapNames, "-print");
        Assert.Equal("", left.Stdout.Trim());
        Assert.Equal(0, (await host.Exec("test", "-d", $"/var/lib/nap/apps/{App}")).ExitCode);
        Assert.Equal(1, (await host.Exec("dpkg-query", "-W", "nap")).ExitCode);
        Step(clock, "apt purge");
    }

    /// <summary>
    /// The package under test (NAP_DEB, which scripts/test.sh builds and lints in its "package" step, else built here
    /// with lintian) and a newer version of the same binaries.
    /// </summary>
    static async Task<(string Deb, string Newer)> PackagesAsync()
    {
        var dir = Directory.CreateTempSubdirectory("nap-package-").FullName;
        var deb = Environment.GetEnvironmentVariable("NAP_DEB") is { Length: > 0 } given ? given : await PackageAsync(dir);
        var version = Regex.Match(Path.GetFileName(deb), "^nap_(.+)_amd64\\.deb$").Groups[1].Value;
        var newer = await PackageAsync(dir, "--version", version + "+upgrade", "--no-lintian");
        return (deb, newer);
    }

    static async Task<string> PackageAsync(string dir, params string[] options)
    {
        var built = (await Run.Async(Path.Combine(RepoLayout.Scripts, "package.sh"), [.. options, "--out", dir, RepoLayout.PublishDir],
            timeout: TimeSpan.FromMinutes(10))).EnsureSuccess("scripts/package.sh");
        return built.Stdout.Trim();
    }

    /// <summary>apt-get as a sysadmin runs it, but with no terminal: nothing may wait for an answer.</summary>
    static Task<ExecResult> AptAsync(NapHost host, params string[] args) =>
        host.Exec(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-o", "Dpkg::Use-Pty=0", .. args]);

    static async Task<string> PropertyAsync(NapHost host, string unit, string property) =>
        (await host.Exec("systemctl", "show", "-P", property, unit)).EnsureSuccess($"systemctl show {unit}").Stdout.Trim();

    void Step(Stopwatch clock, string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {what}");
}
