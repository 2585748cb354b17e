namespace Nap.Host.Tests;

[Trait(Debian13Pass.Trait, Debian13Pass.Included)]
[Collection(NapHostCollection.Name)]
public sealed class InstallSpecs(NapHost host)
{
    [Fact]
    public async Task Napd_runs_under_systemd_after_install()
    {
        var active = await host.Exec("systemctl", "is-active", "napd", "docker", "nginx", "ssh");

        Assert.Equal("active\nactive\nactive\nactive", active.Stdout.Trim());
    }

    [Fact]
    public void A_second_install_changes_nothing_and_says_so()
    {
        Assert.Contains("installed /usr/local/bin/nap-receive", host.FirstInstall.Stdout);
        Assert.Equal("nap is installed: nothing to change", host.SecondInstall.Stdout.Trim());
    }

    [Fact]
    public async Task The_host_runs_the_Debian_release_the_test_run_asked_for()
    {
        var release = await host.Exec("sh", "-c", ". /etc/os-release && echo $VERSION_CODENAME");

        Assert.True(release.Stdout.Trim() == RepoLayout.HostDistro,
            $"NAP_HOST_DISTRO={RepoLayout.HostDistro} but the host image {RepoLayout.HostImage} runs {release.Stdout.Trim()}: set NAP_HOST_DISTRO with NAP_HOST_IMAGE");
    }

    [Fact]
    public async Task The_docker_CLI_and_BuildKit_come_from_the_packages_the_Debian_release_ships_them_in()
    {
        // Debian 13's docker.io only recommends docker-cli and docker-buildx: install.sh installs them by name (issue 19).
        var (cli, buildKit) = RepoLayout.HostDistro == "trixie"
            ? ("docker-cli", "BuildKit through buildx 0.")
            : ("docker.io", "BuildKit built in");
        var owner = await host.Exec("dpkg-query", "--search", "/usr/bin/docker");
        var check = await host.Exec("napd", "--check-host");

        Assert.Equal($"{cli}: /usr/bin/docker", owner.Stdout.Trim());
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains(buildKit, check.Stdout);
        if (cli == "docker-cli")
            Assert.Contains("installed docker-cli docker-buildx\n", host.FirstInstall.Stdout);
    }

    [Fact]
    public async Task Napd_asked_for_help_or_given_an_unknown_argument_answers_and_starts_no_second_daemon()
    {
        var pid = (await host.Exec("systemctl", "show", "-P", "MainPID", "napd")).Stdout.Trim();

        // Bounded: a napd that took these for a daemon run would serve until killed.
        var help = await host.Exec("timeout", "10", "napd", "--help");
        var unknown = await host.Exec("timeout", "10", "napd", "--verbose");

        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.StartsWith("usage: napd [--check-host | --help]", help.Stdout);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("napd: unknown argument '--verbose' (systemd runs napd with none): usage: napd [--check-host | --help]", unknown.Stderr.Trim());
        Assert.Equal("", unknown.Stdout);
        Assert.Equal(pid, (await host.Exec("systemctl", "show", "-P", "MainPID", "napd")).Stdout.Trim());
        Assert.Equal(pid, (await host.Exec("pgrep", "-x", "napd")).Stdout.Trim());
    }

    [Fact]
    public async Task Napd_says_in_systemctl_status_which_docker_builds_here()
    {
        await host.WaitForAsync("systemctl show -P StatusText napd | grep -q .", "napd's host check");

        var status = (await host.Exec("systemctl", "show", "-P", "StatusText", "napd")).Stdout.Trim();

        Assert.Equal((await host.Exec("napd", "--check-host")).Stdout.Trim(), status);
    }

    [Fact]
    public async Task Napds_sandbox_leaves_it_an_exposure_of_at_most_4_5_with_only_the_capabilities_it_uses_and_bounded_memory_and_tasks()
    {
        // What the kernel holds napd to: cgroup v2 (Debian's default) or v1 (the testbed's machine may run it).
        const string Limits = "g=$(systemctl show -P ControlGroup napd); if [ -f /sys/fs/cgroup$g/memory.max ]; "
            + "then cat /sys/fs/cgroup$g/memory.max /sys/fs/cgroup$g/pids.max; "
            + "else cat /sys/fs/cgroup/memory$g/memory.limit_in_bytes /sys/fs/cgroup/pids$g/pids.max; fi";
        var cgroup = (await host.Exec("sh", "-c", Limits))
            .EnsureSuccess("napd's cgroup").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var security = (await host.Exec("systemd-analyze", "security", "--no-pager", "napd.service")).EnsureSuccess("systemd-analyze security");
        var bounds = (await host.Exec("sh", "-c", "grep CapBnd /proc/1/status /proc/$(systemctl show -p MainPID --value napd)/status | cut -f2"))
            .EnsureSuccess("the bounding sets").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(hex => Convert.ToUInt64(hex.Trim(), 16)).ToArray();

        var level = System.Text.RegularExpressions.Regex.Match(security.Stdout, @"Overall exposure level for napd\.service: ([0-9.]+)");
        Assert.True(level.Success, security.Stdout);
        Assert.True(double.Parse(level.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= 4.5, security.Stdout[^400..]);
        // CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER, CAP_KILL, CAP_SETGID, CAP_SETUID, CAP_NET_BIND_SERVICE (bits 0-3, 5-7, 10), of
        // what the host itself may hold (a host container lacks some: docker's default set has no DAC_READ_SEARCH).
        Assert.Equal(0x4eful & bounds[0], bounds[1]);
        // MemoryMax=256M: napd's measured peak is about 50 MB (docs/BENCHMARKS.md, "napd's footprint").
        Assert.Equal(["268435456", "1024"], cgroup);
    }

    [Fact]
    public async Task A_push_after_a_quiet_spell_finds_the_nap_users_manager_running_rather_than_starting_one()
    {
        // As on a Debian server: openssh-server recommends libpam-systemd, so each ssh login goes through logind,
        // which starts the user's systemd --user if none runs and stops it 10 s after the last session ends.
        (await host.Exec("grep", "-q", "pam_systemd", "/etc/pam.d/common-session")).EnsureSuccess("pam_systemd in the host's PAM sessions");
        var unit = $"user@{(await host.Exec("id", "-u", "nap")).Stdout.Trim()}.service";
        (await host.Ssh("help")).EnsureSuccess("ssh help");
        await Task.Delay(TimeSpan.FromSeconds(11));
        var since = (await host.Exec("date", "+%Y-%m-%d %H:%M:%S")).Stdout.Trim();

        (await host.Ssh("help")).EnsureSuccess("ssh help after 11 s without a nap login");

        var journal = await host.Exec("journalctl", "--no-pager", "-o", "cat", "-u", unit, "--since", since);
        Assert.DoesNotContain("Starting", journal.Stdout);
        Assert.Equal("yes", (await host.Exec("loginctl", "show-user", "nap", "-p", "Linger", "--value")).Stdout.Trim());
        Assert.Equal("active", (await host.Exec("systemctl", "is-active", unit)).Stdout.Trim());
    }

    [Fact]
    public async Task Napd_listens_on_its_socket_for_root_and_the_nap_group_only()
    {
        var socket = await host.Exec("stat", "-c", "%F %U:%G %a", "/run/nap/napd.sock");

        Assert.Equal("socket root:nap 660", socket.Stdout.Trim());
    }

    [Fact]
    public async Task The_nap_user_has_no_docker_group_no_sudo_and_no_password()
    {
        var groups = await host.Exec("id", "-nG", "nap");
        var shadow = await host.Exec("getent", "shadow", "nap");

        Assert.Equal("nap", groups.Stdout.Trim());
        Assert.Equal("*", shadow.Stdout.Split(':')[1]);
    }

    [Fact]
    public async Task The_apps_and_config_are_root_only_and_the_repos_belong_to_nap()
    {
        var modes = await host.Exec("stat", "-c", "%n %U:%G %a",
            "/var/lib/nap/apps", "/var/lib/nap/repos", "/etc/nap/authorized_keys", "/etc/nap/napd.json");

        Assert.Equal(
            "/var/lib/nap/apps root:root 700\n/var/lib/nap/repos nap:nap 750\n/etc/nap/authorized_keys root:root 644\n/etc/nap/napd.json root:root 644",
            modes.Stdout.Trim());
    }

    [Fact]
    public async Task Installing_a_new_build_replaces_napd_and_restarts_it()
    {
        // A "new build": the same files plus one more, so napd still runs.
        var source = $"{NapHost.NapSource}/publish";
        (await host.Exec("sh", "-c", $"rm -rf /tmp/next && cp -a {source} /tmp/next && echo next > /tmp/next/napd/BUILD")).EnsureSuccess("preparing a new build");
        var started = await host.Exec("systemctl", "show", "-P", "ActiveEnterTimestampMonotonic", "napd");

        var upgrade = await host.Exec($"{NapHost.NapSource}/scripts/install.sh", "--from", "/tmp/next");
        var back = await host.Exec($"{NapHost.NapSource}/scripts/install.sh", "--from", source);

        Assert.Equal("installed /usr/local/lib/nap/napd/\nrestarted napd\nnap is installed: 2 changes", upgrade.Stdout.Trim());
        Assert.Contains("restarted napd", back.Stdout);
        Assert.Equal("active", (await host.Exec("systemctl", "is-active", "napd")).Stdout.Trim());
        Assert.NotEqual(started.Stdout, (await host.Exec("systemctl", "show", "-P", "ActiveEnterTimestampMonotonic", "napd")).Stdout);
    }

    [Fact]
    public async Task I_cannot_install_without_root()
    {
        var result = await host.Exec("runuser", "-u", "nobody", "--", $"{NapHost.NapSource}/scripts/install.sh", "--from", $"{NapHost.NapSource}/publish");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("install.sh: must run as root", result.Stderr.Trim());
    }

    [Fact]
    public async Task I_cannot_install_on_a_machine_without_systemd()
    {
        // The same Debian, started without init: PID 1 is the script's shell.
        var result = await Run.Async("docker",
        [
            "run", "--rm", "-v", $"{RepoLayout.Scripts}:/opt/nap/scripts:ro", "--entrypoint", "/opt/nap/scripts/install.sh",
            RepoLayout.HostImage, "--from", "/opt/nap/publish",
        ]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("install.sh: systemd is not PID 1 here: nap needs a host booted with systemd", result.Stderr.Trim());
    }
}
