using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>
/// app.json's startup checks (Dokku's `healthchecks.web`) gate each release's instances on a real host: the release
/// goes live only once its path answers with its content, a failing check rejects the push after its own attempts
/// (not napd's 60 s), and a release that reuses the image keeps the checks of the release it came from.
/// </summary>
[Collection(FeatureHostCollection.Name)]
public sealed partial class HealthCheckSpecs(NapHost host)
{
    [GeneratedRegex(@"deployed: (http://\S+) \(release")]
    private static partial Regex Deployed();

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    static string UrlOf(ExecResult push)
    {
        var match = Deployed().Match(push.Output);
        Assert.True(match.Success, push.ToString());
        return match.Groups[1].Value;
    }

    static async Task WithCheckAsync(GitWorkTree app, string check, string readyPage)
    {
        await File.WriteAllTextAsync(app.File("app.json"), "{\"healthchecks\": {\"web\": [" + check + "]}}\n");
        await File.WriteAllTextAsync(app.File("www/ready.txt"), readyPage + "\n");
        await app.CommitAsync("startup check");
    }

    [Fact]
    public async Task A_release_goes_live_once_its_check_finds_its_content_and_a_config_change_keeps_the_check()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        await WithCheckAsync(app, """{"name": "ready page", "path": "/ready.txt", "content": "ready", "wait": 1}""", "ready");

        var push = await app.PushAsync("checks1");

        Assert.Equal(0, push.ExitCode);
        Assert.Contains("Healthy: app.json's check passed: ready page", push.Output);
        Assert.Contains("ready", await Http.GetStringAsync(UrlOf(push) + "/ready.txt"));

        var change = await host.Ssh("config:set checks1 GREETING=hi");

        Assert.Equal(0, change.ExitCode);
        Assert.Contains("Healthy: app.json's check passed: ready page", change.Output);
    }

    [Fact]
    public async Task A_release_whose_check_fails_is_rejected_after_its_attempts_and_the_old_one_keeps_serving()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var url = UrlOf(await app.PushAsync("checks2"));
        await WithCheckAsync(app, """{"path": "/ready.txt", "content": "ready", "attempts": 2, "wait": 1, "timeout": 2}""", "migrating");

        var push = await app.PushAsync("checks2");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("is not healthy: app.json's check \"/ready.txt\" failed 2 of 2 attempts: GET /ready.txt answered 200 without \"ready\"", push.Output);
        // The first attempt may come before httpd listens (reset by docker's proxy) or after (the content): either is told.
        var told = push.Output.IndexOf("app.json's check \"/ready.txt\" failed 1 of 2 attempts: GET /ready.txt ", StringComparison.Ordinal);
        Assert.Contains("; again in 1 s", push.Output);
        Assert.True(told > push.Output.IndexOf("Starting checks2", StringComparison.Ordinal), push.ToString());
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
    }

    [Fact]
    public async Task Every_instance_a_push_or_ps_scale_starts_tells_its_checks_failed_attempts_not_only_the_first()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        // httpd listens 3 s after its container starts: each instance's first attempts fail, then its check passes.
        await File.WriteAllTextAsync(app.File("Dockerfile"),
            "FROM local/busybox:latest\nCOPY www /www\nEXPOSE 8080\nCMD [\"/bin/sh\", \"-c\", \"sleep 3; exec /bin/httpd -f -p 8080 -h /www\"]\n");
        await WithCheckAsync(app, """{"path": "/ready.txt", "content": "ready", "attempts": 10, "wait": 1}""", "ready");
        const string firstFailed = "app.json's check \"/ready.txt\" failed 1 of 10 attempts: ";
        UrlOf(await app.PushAsync("checks4"));

        var scale = await host.Ssh("ps:scale checks4 2");

        Assert.Equal(0, scale.ExitCode);
        Assert.Contains(firstFailed, scale.Output[scale.Output.IndexOf("Starting nap-checks4@", StringComparison.Ordinal)..]);

        await app.CommitAsync("the same tree, a new revision");
        var push = await app.PushAsync("checks4");

        Assert.Equal(0, push.ExitCode);
        var second = push.Output.IndexOf("(instance 2 of 2)", StringComparison.Ordinal);
        Assert.True(second >= 0, push.ToString());
        Assert.Contains(firstFailed, push.Output[second..]);
    }

    [Fact]
    public async Task A_check_nap_does_not_run_is_refused_before_the_build_and_the_old_release_keeps_serving()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var url = UrlOf(await app.PushAsync("checks3"));
        await WithCheckAsync(app, """{"path": "/", "port": 3000}""", "ready");

        var push = await app.PushAsync("checks3");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("app.json:1: $.healthchecks.web[0].port: is not a key nap runs", push.Output);
        Assert.DoesNotContain("Building", push.Output);
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
    }
}
