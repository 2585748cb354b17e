using System.Security.Cryptography;

namespace Nap.Host.Tests;

/// <summary>
/// A second key against the first's app and the host, under low limits for this class (napd.json's "limits",
/// napd restarted; put back after): each attempt gets its one line, the first tenant's app keeps serving, and the
/// host's disk stays bounded.
/// </summary>
[Collection(NapHostCollection.Name)]
public sealed class HostileTenantSpecs(NapHost host) : IAsyncLifetime
{
    const string Limits = """
        { "publicAddress": "auto", "drainSeconds": 2,
          "limits": { "appsPerKey": 2, "checkoutFiles": 2000, "checkoutMegabytes": 20, "pushMegabytes": 4,
                      "dockerfileKilobytes": 16, "logFollowersPerKey": 1, "pidsPerContainer": 64,
                      "memoryMegabytes": 32, "memoryMaxMegabytes": 48 } }
        """;

    // xunit sets up per case; the first tenant's app is deployed once, by the first case.
    static string firstUrl = "";

    string napdJson = "";

    public async Task InitializeAsync()
    {
        // The first tenant's app before the low limits: the test key owns more apps than they allow.
        if (firstUrl == "")
        {
            using var first = await GitWorkTree.CreateAsync(host, "hello");
            firstUrl = await first.DeployHelloAsync("tenant-one");
        }
        napdJson = (await host.Exec("cat", "/etc/nap/napd.json")).EnsureSuccess("napd.json").Stdout;
        try
        {
            (await host.ExecWithInput(Limits, "sh", "-c", "cat > /etc/nap/napd.json")).EnsureSuccess("limits in napd.json");
            await host.RestartNapdAsync();
        }
        catch
        {
            // xunit disposes no class whose setup failed: the shared host must not keep these limits.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A second tenant of its own per case: the app limit counts each key's apps.</summary>
    Task<SshKey> SecondKeyAsync(string name) => host.AddKeyAsync(name);

    public async Task DisposeAsync()
    {
        (await host.ExecWithInput(napdJson, "sh", "-c", "cat > /etc/nap/napd.json")).EnsureSuccess("napd.json back");
        await host.RestartNapdAsync();
    }

    async Task<long> DataKilobytesAsync() =>
        long.Parse((await host.Exec("du", "-sk", "/var/lib/nap")).EnsureSuccess("du").Stdout.Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_push_of_kilobytes_that_checks_out_into_gigabytes_stops_at_the_file_limit_and_the_disk_stays_bounded()
    {
        var second = await SecondKeyAsync("tenant-many");
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        // One 1 MB blob of zeros named from 10^4 paths: a few kilobytes in git, 10 GB checked out.
        await app.GitAsync("rm", "-rq", "www");
        var blob = (await Run.Async("sh", ["-c", $"head -c 1048576 /dev/zero | git -C {app.Path} hash-object -w --stdin"], env: host.GitEnvironment)).EnsureSuccess("blob").Stdout.Trim();
        var tree = blob;
        var type = "blob";
        for (var level = 0; level < 4; level++)
        {
            var listing = string.Concat(Enumerable.Range(0, 10).Select(i => $"{(type == "blob" ? "100644" : "040000")} {type} {tree}\tn{i}\n"));
            tree = (await Run.Async("git", ["-C", app.Path, "mktree"], listing, host.GitEnvironment)).EnsureSuccess("mktree").Stdout.Trim();
            type = "tree";
        }
        (await Run.Async("sh", ["-c", $"git -C {app.Path} read-tree --prefix=many/ {tree} && git -C {app.Path} commit -q -m many"], env: host.GitEnvironment)).EnsureSuccess("commit");
        var before = await DataKilobytesAsync();

        var push = await app.PushAsync("tenant-many", second);

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("the pushed revision is larger than 20 MB when checked out (limits.checkoutMegabytes in /etc/nap/napd.json)", push.Output);
        Assert.True(await DataKilobytesAsync() - before < 30 * 1024, "more than the limit was written");
        await HostileHost.AssertStillServesAsync(firstUrl);
    }

    [Fact]
    public async Task A_key_creating_apps_without_pushing_stops_at_its_limit_and_leaves_no_trace_of_the_refused_one()
    {
        var second = await SecondKeyAsync("tenant-flood");
        // No pack follows, so git ends each with "the remote end hung up"; the apps are made all the same.
        foreach (var made in new[] { "tenant-flood-1", "tenant-flood-2" })
            Assert.DoesNotContain("limits.appsPerKey", (await host.Ssh(second, [], $"git-receive-pack '{made}'")).Stderr);
        Assert.Contains("tenant-flood-2", (await host.Ssh(second, [], "apps")).Stdout);

        var third = await host.Ssh(second, [], "git-receive-pack 'tenant-flood-3'");

        Assert.Equal(1, third.ExitCode);
        Assert.Contains("key tenant-flood owns 2 apps, as many as this host allows (limits.appsPerKey in /etc/nap/napd.json): destroy one first", third.Stderr);
        await host.AssertNoTraceOfAsync("tenant-flood-3");
        await HostileHost.AssertStillServesAsync(firstUrl);
    }

    [Fact]
    public async Task A_push_larger_than_the_limit_is_refused_by_git_as_it_arrives_and_stores_nothing()
    {
        var second = await SecondKeyAsync("tenant-big");
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await File.WriteAllBytesAsync(app.File("www/noise.bin"), RandomNumberGenerator.GetBytes(6 << 20));
        await app.CommitAsync("noise");

        var push = await app.PushAsync("tenant-big", second);

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("pack exceeds maximum allowed size", push.Output);
        Assert.Equal("", await host.RefListAsync("tenant-big"));
        await HostileHost.AssertStillServesAsync(firstUrl);
    }

    [Fact]
    public async Task A_dockerfile_over_the_limit_is_refused_before_it_is_read()
    {
        var second = await SecondKeyAsync("tenant-longfile");
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await File.AppendAllTextAsync(app.File("Dockerfile"), new string('#', 20 * 1024) + "\n");
        await app.CommitAsync("a long comment");

        var push = await app.PushAsync("tenant-longfile", second);

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("more than this host takes (16 KB, limits.dockerfileKilobytes in /etc/nap/napd.json)", push.Output);
        await HostileHost.AssertStillServesAsync(firstUrl);
    }

    [Fact]
    public async Task Another_keys_app_and_a_missing_app_get_the_same_answer()
    {
        var second = await SecondKeyAsync("tenant-peek");
        var theirs = await host.Ssh(second, [], "status tenant-one");
        var missing = await host.Ssh(second, [], "status tenant-nothing");

        Assert.Equal(theirs.ExitCode, missing.ExitCode);
        Assert.Equal(theirs.Stderr.Replace("tenant-one", "APP"), missing.Stderr.Replace("tenant-nothing", "APP"));
        Assert.Contains("no such app for key tenant-peek", theirs.Stderr);
    }

    [Fact]
    public async Task A_key_following_logs_up_to_its_limit_is_refused_one_more_follower()
    {
        var second = await SecondKeyAsync("tenant-logs");
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await app.DeployHelloAsync("tenant-logs", second);
        var following = Run.Async("ssh", [.. host.SshOptions(second), $"nap@{host.Ip}", "logs tenant-logs -f"], "", timeout: TimeSpan.FromMinutes(2));
        // [j]: the pattern must not match the shell running pgrep, whose command line holds it: that matched at once, so
        // a loaded CI let the second follower reach napd first and follow, while the first one was refused.
        await host.WaitForAsync("pgrep -f '[j]ournalctl.*nap-tenant-logs' >/dev/null", "the first follower");

        var second_ = await host.Ssh(second, [], "logs tenant-logs -f");

        Assert.Equal(1, second_.ExitCode);
        Assert.Contains("key tenant-logs follows 1 logs already, as many as this host allows (limits.logFollowersPerKey in /etc/nap/napd.json)", second_.Stderr);
        await host.Exec("pkill", "-f", "journalctl.*nap-tenant-logs");
        await following;
    }

    [Fact]
    public async Task A_second_tenants_container_reaches_no_port_of_the_first_ones_and_forks_only_up_to_its_limit()
    {
        var second = await SecondKeyAsync("tenant-net");
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await app.DeployHelloAsync("tenant-two", second);
        var theirs = await ContainerAsync("tenant-one");
        var ours = await ContainerAsync("tenant-two");
        var address = (await host.Exec("docker", "inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", theirs)).EnsureSuccess("address").Stdout.Trim();

        // From inside the second tenant's container, to the port the first tenant's httpd listens on (busybox's nc:
        // its static wget crashes looking up the service name).
        string Get(string from) => $"printf 'GET / HTTP/1.0\\r\\n\\r\\n' | {from} busybox nc -w 3 {address} 8080";
        var probe = await host.Exec("sh", "-c", Get($"docker exec -i {ours}"));
        // The same request from a container on the first tenant's network answers: the wall refused, not a dead app.
        var own = await host.Exec("sh", "-c", Get("docker run -i --rm --network nap-tenant-one local/busybox:latest"));
        var bomb = await host.Exec("docker", "exec", ours, "sh", "-c", "i=0; while [ $i -lt 100 ]; do sleep 5 & i=$((i+1)); done; wait");

        Assert.DoesNotContain("200 OK", probe.Stdout);
        Assert.NotEqual(0, probe.ExitCode);
        Assert.StartsWith("HTTP/1.1 200 OK", own.Stdout);
        Assert.Equal("64", (await host.Exec("docker", "inspect", "-f", "{{.HostConfig.PidsLimit}}", ours)).Stdout.Trim());
        Assert.Contains("can't fork", bomb.Stderr);
        await HostileHost.AssertStillServesAsync(firstUrl);
    }

    [Fact]
    public async Task A_second_tenants_container_is_held_to_the_hosts_memory_and_cannot_be_raised_past_the_ceiling()
    {
        var second = await SecondKeyAsync("tenant-mem");
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await app.DeployHelloAsync("tenant-mem", second);
        var ours = await ContainerAsync("tenant-mem");

        var raise = await host.Ssh(second, [], "resources:set tenant-mem memory=1g");
        // busybox dd holds one block of 100 MiB: more than the container's memory and the swap docker gives it (as much again).
        var hog = await host.Exec("docker", "exec", ours, "busybox", "dd", "if=/dev/zero", "of=/dev/null", "bs=100M", "count=1");

        Assert.Equal($"{32 << 20}", (await host.Exec("docker", "inspect", "-f", "{{.HostConfig.Memory}}", ours)).Stdout.Trim());
        Assert.True(raise.ExitCode == 1, raise.ToString());
        Assert.Contains("memory=1g is more than one container may have here, 48m (limits.memoryMaxMegabytes in /etc/nap/napd.json)", raise.Stderr);
        Assert.Equal(ours, await ContainerAsync("tenant-mem"));
        Assert.True(hog.ExitCode == 137, hog.ToString());
        await HostileHost.AssertStillServesAsync(firstUrl);
    }

    [Fact]
    public async Task A_domain_the_hosts_own_nginx_serves_is_refused_and_the_host_site_keeps_answering()
    {
        var second = await SecondKeyAsync("tenant-squat");
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await app.DeployHelloAsync("tenant-squat", second);
        // The host's own site, outside nap: in sites-enabled, as Debian's nginx package lays it out.
        const string Site = "server { listen 80; server_name intranet.example.com; return 200 'the host site\\n'; }\n";
        (await host.ExecWithInput(Site, "sh", "-c", "cat > /etc/nginx/sites-enabled/intranet && systemctl reload nginx")).EnsureSuccess("the host's site");
        try
        {
            var squat = await host.Ssh(second, [], "domains:add tenant-squat intranet.example.com");
            var page = await host.Exec("curl", "-sS", "--max-time", "10", "-H", "Host: intranet.example.com", "http://127.0.0.1/");

            Assert.Equal(1, squat.ExitCode);
            Assert.Contains("intranet.example.com is already served by another nginx site on this host (nginx -t: conflicting server name): remove it there first or choose another domain", squat.Stderr);
            Assert.Equal("the host site", page.Stdout.Trim());
            Assert.DoesNotContain("intranet", (await host.Ssh(second, [], "domains tenant-squat")).Stdout);
        }
        finally
        {
            await host.Exec("sh", "-c", "rm -f /etc/nginx/sites-enabled/intranet && systemctl reload nginx");
        }
    }

    [Fact]
    public async Task A_request_body_over_the_hosts_default_gets_413_until_the_apps_owner_raises_it()
    {
        // The default of 64 MB, not a lower one for the class: napd rewrites every app's site to a changed default
        // when it starts, and other classes compare the host's nginx files before and after.
        var second = await SecondKeyAsync("tenant-upload");
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var url = await app.DeployHelloAsync("tenant-upload", second);
        (await host.Exec("sh", "-c", "head -c 68157440 /dev/zero > /tmp/upload.bin")).EnsureSuccess("a 65 MB body");
        Task<ExecResult> PostAsync() => host.Exec("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "60", "--data-binary", "@/tmp/upload.bin", url);
        try
        {
            var refused = await PostAsync();
            var raised = await host.Ssh(second, [], "nginx:set tenant-upload client-max-body-size 80m");
            var passed = await PostAsync();

            Assert.Equal("413", refused.Stdout.Trim());
            Assert.Equal((0, "tenant-upload: client-max-body-size 80m"), (raised.ExitCode, raised.Stdout.Trim()));
            Assert.NotEqual("413", passed.Stdout.Trim());
            Assert.NotEqual("000", passed.Stdout.Trim());
        }
        finally
        {
            await host.Exec("rm", "-f", "/tmp/upload.bin");
        }
    }

    async Task<string> ContainerAsync(string app) =>
        (await host.Exec("docker", "ps", "--filter", $"label=nap.app={app}", "--format", "{{.Names}}")).EnsureSuccess("docker ps").Stdout.Split('\n')[0].Trim();
}
