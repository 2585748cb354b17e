using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>A push becomes a running, checked, enabled release behind nginx; the issue-5/6 acceptance on a real host.</summary>
[Trait(Debian13Pass.Trait, Debian13Pass.Included)]
[Collection(NapHostCollection.Name)]
public sealed partial class DeploySpecs(NapHost host)
{
    [GeneratedRegex(@"deployed: (http://\S+) \(release (\d+)")]
    private static partial Regex Deployed();

    static readonly string[] Stopped = ["inactive", "failed"];

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    static (string Url, int Release) AddressOf(ExecResult push)
    {
        var match = Deployed().Match(push.Output);
        Assert.True(match.Success, push.ToString());
        return (match.Groups[1].Value, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    async Task<string> UnitStateAsync(string unit) => (await host.Exec("systemctl", "is-active", unit)).Stdout.Trim();

    /// <summary>
    /// The previous release stops after the drain time, once the push has answered. `docker stop` makes
    /// `docker run` exit 143, so systemd may say "failed" until napd's reset-failed: either means stopped.
    /// </summary>
    async Task<string> StoppedStateAsync(string unit)
    {
        var state = "";
        for (var i = 0; i < 40 && (state = await UnitStateAsync(unit)) is "active" or "deactivating"; i++)
            await Task.Delay(250);
        return state;
    }

    [Fact]
    public async Task I_push_hello_and_get_an_address_that_serves_the_page_from_an_enabled_unit()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");

        var push = await app.PushAsync("hello1");

        Assert.Equal(0, push.ExitCode);
        Assert.Contains("-----> Building hello1", push.Output);
        var (url, release) = AddressOf(push);
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
        Assert.Equal("active", await UnitStateAsync($"nap-hello1@{release}.service"));
        // Enabled just after the answer (the pusher does not wait for it; napd's next start would do it).
        await host.WaitForAsync($"systemctl is-enabled nap-hello1@{release}.service", "release enabled", TimeSpan.FromSeconds(10), fail: false);
        Assert.Equal("enabled", (await host.Exec("systemctl", "is-enabled", $"nap-hello1@{release}.service")).Stdout.Trim());
        var verify = await host.Exec("systemd-analyze", "verify", "/etc/systemd/system/nap-hello1-build.service", $"/etc/systemd/system/nap-hello1@{release}.service");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal("", verify.Stdout + verify.Stderr);
        // The release's image, by the name BuildKit printed: nap/APP:N and random hex digits no other app can guess.
        var image = Regex.Match(push.Output, $@"#\d+ naming to docker.io/(nap/hello1:{release}-[0-9a-f]{{32}})").Groups[1].Value;
        var labels = await host.Exec("docker", "image", "inspect", "--format", "{{json .Config.Labels}}", image);
        Assert.Contains($"\"org.opencontainers.image.revision\":\"{await app.HeadAsync()}\"", labels.Stdout);
        Assert.Contains("\"org.opencontainers.image.source\":\"/var/lib/nap/repos/hello1.git\"", labels.Stdout);
        Assert.Contains("\"org.opencontainers.image.created\":\"20", labels.Stdout);
        Assert.Contains("\"nap.app\":\"hello1\"", labels.Stdout);
        // BuildKit built it (the classic builder would print "Step 1/N"): its plain progress lines reach the pusher.
        Assert.Matches(@"#\d+ naming to docker.io/nap/hello1:\d+-[0-9a-f]{32}", push.Output);
        // Docker 20.10 (Debian 12) prints a digest line per step: they stay in the journal only. Docker 26 (Debian 13) prints none.
        Assert.DoesNotMatch(new Regex(@"#\d+ sha256:[0-9a-f]{64}\s*$", RegexOptions.Multiline), push.Output);
        var journal = (await host.Exec("journalctl", "-u", "nap-hello1-build", "--no-pager", "-o", "cat")).Stdout;
        Assert.Equal(RepoLayout.HostDistro == "bookworm", Regex.IsMatch(journal, @"#\d+ sha256:[0-9a-f]{64}"));
    }

    [Fact]
    public async Task Deploying_the_running_revision_again_builds_nothing_and_answers_the_same_address()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, _) = AddressOf(await app.PushAsync("hello2"));

        var again = await host.Ssh("deploy hello2");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains($"=====> hello2 is already running {(await app.HeadAsync())[..7]}: {url}", again.Output);
        Assert.DoesNotContain("Building", again.Output);
    }

    [Fact]
    public async Task A_change_is_served_at_the_same_address_and_rollback_brings_the_old_page_back()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, first) = AddressOf(await app.PushAsync("hello3"));
        await File.WriteAllTextAsync(app.File("www/index.html"), "<h1>second</h1>\n");
        await app.CommitAsync("second");

        var push = await app.PushAsync("hello3");

        var (url2, second) = AddressOf(push);
        Assert.Equal(url, url2);
        Assert.Contains("second", await Http.GetStringAsync(url));
        Assert.Contains(await StoppedStateAsync($"nap-hello3@{first}.service"), Stopped);

        var rollback = await host.Ssh($"rollback hello3 {first}");

        Assert.Equal(0, rollback.ExitCode);
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
        Assert.Contains(await StoppedStateAsync($"nap-hello3@{second}.service"), Stopped);
    }

    [Fact]
    public async Task A_Dockerfile_that_fails_to_build_rejects_the_push_and_the_earlier_release_keeps_serving()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, _) = AddressOf(await app.PushAsync("hello4"));
        await File.WriteAllTextAsync(app.File("Dockerfile"), "FROM local/busybox:latest\nCOPY no-such-file /x\n");
        await app.CommitAsync("broken");

        var push = await app.PushAsync("hello4");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("the build failed", push.Output);
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
        var status = await host.Ssh("status hello4");
        Assert.Contains("BuildFailed", status.Output);
    }

    /// <summary>
    /// Debian 13's docker 26 builds with BuildKit only through the buildx plugin, and `docker build` there is the docker
    /// CLI starting it: the build unit runs the plugin itself (about 0.2 s less a build, bench/deploy.sh on Debian 13).
    /// Debian 12's docker 20.10 has BuildKit built in: `docker build`.
    /// </summary>
    [Fact]
    public async Task The_build_unit_runs_the_builder_the_hosts_docker_has_without_a_second_program_in_front()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        AddressOf(await app.PushAsync("hello-bx"));

        var start = (await host.Exec("systemctl", "show", "-P", "ExecStart", "nap-hello-bx-build.service")).Stdout;

        var expected = RepoLayout.HostDistro == "trixie" ? "/usr/libexec/docker/cli-plugins/docker-buildx" : "/usr/bin/docker";
        Assert.Contains($"path={expected} ; argv[]={expected} build --progress=plain", start);
    }

    [Fact]
    public async Task An_app_that_never_answers_is_not_switched_to()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var (url, _) = AddressOf(await app.PushAsync("hello5"));
        await File.WriteAllTextAsync(app.File("Dockerfile"), "FROM local/busybox:latest\nEXPOSE 8080\nCMD [\"/bin/sleep\", \"3600\"]\n");
        await app.CommitAsync("silent");

        var push = await app.PushAsync("hello5");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("is not healthy", push.Output);
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
    }
}
