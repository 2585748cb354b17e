using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>Issue 15, point 5: app.json's pipeline steps around a push's switch, on a real host.</summary>
[Trait(Debian13Pass.Trait, Debian13Pass.Included)]
[Collection(FeatureHostCollection.Name)]
public sealed partial class StepsSpecs(NapHost host)
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [GeneratedRegex(@"deployed: (http://\S+) \(release (\d+)")]
    private static partial Regex Deployed();

    static string UrlOf(ExecResult push)
    {
        var match = Deployed().Match(push.Output);
        Assert.True(match.Success, push.ToString());
        return match.Groups[1].Value;
    }

    /// <summary>hello pushed once without app.json: the release that must keep serving.</summary>
    async Task<(GitWorkTree Tree, string Url)> LiveHelloAsync(string name)
    {
        var tree = await GitWorkTree.CreateAsync(host, "hello");
        var url = UrlOf(await tree.PushAsync(name));
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
        return (tree, url);
    }

    async Task<ExecResult> PushChangeAsync(GitWorkTree tree, string name, string appJson, string page = "second")
    {
        await File.WriteAllTextAsync(tree.File("app.json"), appJson);
        await File.WriteAllTextAsync(tree.File("www/index.html"), page);
        await tree.CommitAsync("steps");
        return await tree.PushAsync(name);
    }

    async Task<string> LeftContainersAsync(string name) =>
        (await host.Exec("docker", "ps", "-a", "--filter", $"label=nap.step={name}", "--format", "{{.Names}}")).Stdout.Trim();

    [Fact]
    public async Task A_failing_step_rejects_the_push_and_names_the_step_while_the_earlier_release_keeps_serving()
    {
        var (tree, url) = await LiveHelloAsync("steps-fail");
        using var _ = tree;

        var push = await PushChangeAsync(tree, "steps-fail", """
            {
              "name": "steps-fail",
              "steps": [
                { "step": "compile", "commands": ["echo compiling as $(id -u)"] },
                { "step": "test", "commands": ["echo first test ok", "echo broken test >&2", "exit 3", "echo never"] },
                { "step": "after", "commands": ["echo never either"] }
              ]
            }
            """);

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("[remote rejected] master -> master", push.Output);
        Assert.Contains("-----> step compile", push.Output);
        Assert.Contains("       compiling as 0", push.Output);
        Assert.Contains("-----> step test", push.Output);
        Assert.Contains(" !     step test failed with exit code 3", push.Output);
        Assert.Contains(" !       broken test", push.Output);
        Assert.DoesNotContain("never", push.Output);
        Assert.DoesNotContain("-----> Starting", push.Output);
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
        Assert.Contains("StepFailed", (await host.Ssh("releases steps-fail")).Stdout);
        Assert.Equal("", await LeftContainersAsync("steps-fail"));
    }

    [Fact]
    public async Task Predeploy_sees_the_apps_config_and_runs_before_the_release_starts()
    {
        var (tree, _) = await LiveHelloAsync("steps-config");
        using var _ = tree;
        (await host.Ssh("config:set steps-config GREETING=hello-from-config")).EnsureSuccess("config:set");

        var push = await PushChangeAsync(tree, "steps-config", """{"scripts": {"predeploy": "echo predeploy sees $GREETING on port $PORT"}}""");

        Assert.Equal(0, push.ExitCode);
        Assert.Contains("       predeploy sees hello-from-config on port 8080", push.Output);
        Assert.True(push.Output.IndexOf("-----> step predeploy", StringComparison.Ordinal) < push.Output.IndexOf("-----> Starting", StringComparison.Ordinal), push.ToString());
        Assert.Contains("second", await Http.GetStringAsync(UrlOf(push)));
    }

    [Fact]
    public async Task An_invalid_app_json_is_refused_with_its_path_and_line_and_nothing_is_built()
    {
        var (tree, url) = await LiveHelloAsync("steps-invalid");
        using var _ = tree;
        var images = (await host.Exec("docker", "image", "ls", "-q", "nap/steps-invalid")).Stdout;

        var push = await PushChangeAsync(tree, "steps-invalid", """
            {
              "steps": [
                { "step": "test", "commands": ["true"],
                  "timeout": "soon" }
              ]
            }
            """);

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains(" !     app.json:4: $.steps[0].timeout: \"soon\" is not a duration", push.Output);
        Assert.DoesNotContain("-----> Building", push.Output);
        Assert.Equal(images, (await host.Exec("docker", "image", "ls", "-q", "nap/steps-invalid")).Stdout);
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
    }

    [Fact]
    public async Task Postdeploy_runs_after_the_switch_and_its_failure_leaves_the_new_release_live()
    {
        var (tree, _) = await LiveHelloAsync("steps-post");
        using var _ = tree;

        var push = await PushChangeAsync(tree, "steps-post", """{"scripts": {"postdeploy": {"command": "echo notifying; exit 4"}}}""");

        Assert.Equal(0, push.ExitCode);
        var deployed = push.Output.IndexOf("=====> steps-post deployed", StringComparison.Ordinal);
        Assert.True(deployed >= 0 && deployed < push.Output.IndexOf("-----> step postdeploy", StringComparison.Ordinal), push.ToString());
        Assert.Contains("       notifying", push.Output);
        Assert.Contains(" !     step postdeploy failed with exit code 4", push.Output);
        Assert.Contains("stays live", push.Output);
        Assert.Contains("second", await Http.GetStringAsync(UrlOf(push)));
        Assert.Equal("", await LeftContainersAsync("steps-post"));
    }

    [Fact]
    public async Task A_step_past_its_timeout_is_stopped_removed_and_rejects_the_push()
    {
        var (tree, url) = await LiveHelloAsync("steps-slow");
        using var _ = tree;

        var push = await PushChangeAsync(tree, "steps-slow", """{"steps": [{"step": "slow", "commands": ["echo waiting", "sleep 300"], "timeout": "2s"}]}""");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains(" !     step slow did not finish within 2s", push.Output);
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
        Assert.Equal("", await LeftContainersAsync("steps-slow"));
    }

    [Fact]
    public async Task The_pusher_hanging_up_during_a_step_removes_its_container_and_the_earlier_release_keeps_serving()
    {
        var (tree, url) = await LiveHelloAsync("steps-gone");
        using var _ = tree;
        await File.WriteAllTextAsync(tree.File("app.json"), """{"steps": [{"step": "long", "commands": ["sleep 300"]}]}""");
        await tree.CommitAsync("a long step");

        using (var push = tree.StartPush("steps-gone"))
        {
            await host.WaitForAsync("docker ps --filter label=nap.step=steps-gone --format '{{.Names}}' | grep -q .", "the step to run");
            push.Kill(entireProcessTree: true);
            await push.WaitForExitAsync();
        }

        await host.WaitForAsync("! docker ps -a --filter label=nap.step=steps-gone --format '{{.Names}}' | grep -q .", "the step's container to go", TimeSpan.FromSeconds(30));
        var releases = await host.Ssh("releases steps-gone");
        for (var until = DateTime.UtcNow.AddSeconds(10); !releases.Output.Contains("Cancelled", StringComparison.Ordinal) && DateTime.UtcNow < until; releases = await host.Ssh("releases steps-gone"))
            await Task.Delay(200);
        Assert.Contains("Cancelled", releases.Output);
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
    }

    [Fact]
    public async Task A_stored_pipeline_used_by_two_apps_runs_for_both_before_their_own_steps()
    {
        const string pipe = """[{"step": "lint", "commands": ["echo shared lint ran"]}, {"step": "unit", "commands": ["echo shared unit ran"]}]""";
        var admin = await host.AddKeyAsync("steps-admin", admin: true);

        var refused = await host.Ssh(host.TestKey, [], "steps:set shared-checks", pipe);
        var bad = await host.Ssh(admin, [], "steps:set shared-checks", """[{"step": "lint", "commands": "make lint"}]""");
        var set = await host.Ssh(admin, [], "steps:set shared-checks", pipe);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("only admin keys change them", refused.Output);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("pipe.json:1: $[0].commands: must be a list", bad.Output);
        Assert.Equal(0, set.ExitCode);
        Assert.Contains("pipeline shared-checks stored: 2 steps (lint, unit)", set.Output);
        Assert.Contains("lint, unit", (await host.Ssh("steps")).Stdout);
        Assert.Contains("\"echo shared lint ran\"", (await host.Ssh("steps:show shared-checks")).Stdout);

        foreach (var name in new[] { "steps-uses-a", "steps-uses-b" })
        {
            var (tree, _) = await LiveHelloAsync(name);
            using var _ = tree;
            var push = await PushChangeAsync(tree, name, $$"""{"uses": ["shared-checks"], "steps": [{"step": "own", "commands": ["echo own step of {{name}}"]}]}""");

            Assert.Equal(0, push.ExitCode);
            var lint = push.Output.IndexOf("-----> step lint", StringComparison.Ordinal);
            var unit = push.Output.IndexOf("-----> step unit", StringComparison.Ordinal);
            var own = push.Output.IndexOf("-----> step own", StringComparison.Ordinal);
            Assert.True(lint >= 0 && lint < unit && unit < own, push.ToString());
            Assert.Contains("       shared lint ran", push.Output);
            Assert.Contains($"       own step of {name}", push.Output);
        }

        // A tenant's key cannot take away the pipeline other keys' apps use.
        var notRemoved = await host.Ssh(host.TestKey, [], "steps:remove shared-checks");
        Assert.NotEqual(0, notRemoved.ExitCode);
        Assert.Contains("only admin keys change them", notRemoved.Output);
        Assert.Contains("lint, unit", (await host.Ssh("steps")).Stdout);

        Assert.Equal(0, (await host.Ssh(admin, [], "steps:remove shared-checks")).ExitCode);
        var (again, _) = await LiveHelloAsync("steps-uses-c");
        using var __ = again;
        var gone = await PushChangeAsync(again, "steps-uses-c", """{"uses": ["shared-checks"]}""");
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("app.json:1: $.uses[0]: there is no stored pipeline \"shared-checks\" on this host", gone.Output);
    }
}
