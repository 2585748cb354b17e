using Nap.Deployer.Settings;
using Nap.Deployer.Steps;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Steps;

public sealed class AppManifestSpecs : IDisposable
{
    static readonly TenantLimits Limits = new();
    readonly TestDir dir = new();

    static AppManifest Parse(string json, TenantLimits? limits = null) => AppManifestReader.Parse(json, limits ?? Limits);

    static string Refusal(string json, TenantLimits? limits = null) =>
        Assert.Throws<AppManifestException>(() => Parse(json, limits)).Message;

    [Fact]
    public void Steps_then_predeploy_run_before_the_switch_and_postdeploy_after_it()
    {
        var manifest = Parse("""
            {
              "name": "shop",
              "env": { "SECRET": { "generator": "secret" } },
              "scripts": { "predeploy": "./migrate", "postdeploy": { "command": "./notify" } },
              "steps": [
                { "step": "compile", "commands": ["make", "make check"], "timeout": "90s" },
                { "step": "test", "commands": ["./test.sh"] }
              ]
            }
            """);

        Assert.Equal(["compile", "test", "predeploy"], manifest.BeforeSwitch.Select(s => s.Name));
        Assert.Equal(["make", "make check"], manifest.BeforeSwitch[0].Commands);
        Assert.Equal(TimeSpan.FromSeconds(90), manifest.BeforeSwitch[0].Timeout);
        Assert.Equal(StepTimeout.Default, manifest.BeforeSwitch[1].Timeout);
        Assert.Equal(["./migrate"], manifest.BeforeSwitch[2].Commands);
        Assert.Equal("postdeploy", manifest.AfterSwitch?.Name);
        Assert.Equal(["./notify"], manifest.AfterSwitch?.Commands);
        Assert.Equal(6, manifest.BeforeSwitch[0].Line);
    }

    [Fact]
    public void A_step_runs_its_commands_in_one_shell_that_stops_at_the_first_failure()
    {
        var step = Parse("""{"steps": [{"step": "t", "commands": ["a", "b c"]}]}""").BeforeSwitch[0];

        Assert.Equal("set -e\na\nb c", step.Script);
    }

    [Fact]
    public void An_app_json_without_steps_runs_nothing()
    {
        Assert.True(Parse("""{"name": "x", "scripts": {"test": "make test"}}""").IsEmpty);
    }

    [Fact]
    public void No_app_json_in_the_tree_runs_nothing()
    {
        Assert.Same(AppManifest.None, AppManifestReader.Read(dir.Path, Limits));
    }

    [Theory]
    [InlineData("""{"steps": [{"step": "test", "commands": ["x"], "timeout": "2d"}]}""",
        "app.json:1: $.steps[0].timeout: \"2d\" is not a duration: write a whole number and s, m or h, such as \"10m\"")]
    [InlineData("""{"steps": [{"step": "test", "commands": ["x"], "timeout": 10}]}""", "app.json:1: $.steps[0].timeout: must be a string such as \"10m\"")]
    [InlineData("""{"steps": [{"step": "test", "commands": []}]}""", "app.json:1: $.steps[0].commands: must be a list of one or more commands")]
    [InlineData("""{"steps": [{"step": "test", "commands": ["ok", 3]}]}""", "app.json:1: $.steps[0].commands[1]: must be a command")]
    [InlineData("""{"steps": [{"commands": ["x"]}]}""", "app.json:1: $.steps[0]: has no \"step\"")]
    [InlineData("""{"steps": [{"step": "test"}]}""", "app.json:1: $.steps[0]: has no \"commands\"")]
    [InlineData("""{"steps": [{"step": "test", "command": ["x"]}]}""", "app.json:1: $.steps[0].command: is not a key of a step")]
    [InlineData("""{"steps": [{"step": "../x", "commands": ["x"]}]}""", "app.json:1: $.steps[0].step: must be a name of letters")]
    [InlineData("""{"steps": [{"step": "predeploy", "commands": ["x"]}]}""", "app.json:1: $.steps[0].step: \"predeploy\" is the name of scripts.predeploy")]
    [InlineData("""{"steps": {"step": "test"}}""", "app.json:1: $.steps: must be a list")]
    [InlineData("""{"scripts": {"predeploy": ["x"]}}""", "app.json:1: $.scripts.predeploy: must be a command")]
    [InlineData("""{"scripts": "x"}""", "app.json:1: $.scripts: must be an object")]
    [InlineData("""["x"]""", "app.json:1: $: must be an object")]
    [InlineData("""{"uses": ["shared"]}""", "app.json:1: $.uses[0]: there is no stored pipeline \"shared\" on this host")]
    [InlineData("""{"uses": "checks"}""", "app.json:1: $.uses: must be a list of stored pipelines' names")]
    [InlineData("""{"uses": ["../etc"]}""", "app.json:1: $.uses[0]: must be a stored pipeline's name")]
    public void Each_refusal_names_the_line_and_the_JSON_path(string json, string start)
    {
        Assert.StartsWith(start, Refusal(json));
    }

    [Fact]
    public void The_line_is_where_the_value_stands_in_the_file()
    {
        var message = Refusal("""
            {
              "steps": [
                { "step": "compile", "commands": ["make"] },
                {
                  "step": "test",
                  "commands": ["make test"],
                  "timeout": "forever"
                }
              ]
            }
            """);

        Assert.StartsWith("app.json:7: $.steps[1].timeout: \"forever\" is not a duration", message);
    }

    [Fact]
    public void Every_problem_is_named_not_only_the_first()
    {
        var message = Refusal("""
            {"steps": [
              {"step": "a", "commands": []},
              {"step": "b", "commands": ["x"], "timeout": "0s"}
            ]}
            """);

        Assert.Contains("app.json:2: $.steps[0].commands", message);
        Assert.Contains("app.json:3: $.steps[1].timeout: \"0s\" must be more than 0", message);
    }

    [Theory]
    [InlineData("{\"steps\": [\n{\"step\": \"a\",\n\"commands\": [\"x\"],}]}", "app.json:3: not valid JSON")]
    [InlineData("{\"steps\": [\n", "app.json:2: not valid JSON")]
    [InlineData("{} {}", "app.json:1: not valid JSON")]
    public void Text_that_is_not_JSON_is_refused_with_its_line(string json, string start)
    {
        Assert.StartsWith(start, Refusal(json));
    }

    [Theory]
    [InlineData("", "app.json:1: not valid JSON: ")]
    [InlineData("{\n\"steps\": [}\n", "app.json:2: not valid JSON: ")]
    public void A_parse_error_is_one_clean_line(string json, string start)
    {
        var message = Refusal(json);

        Assert.StartsWith(start, message);
        Assert.DoesNotContain("LineNumber", message);
        Assert.DoesNotContain("Path:", message);
        Assert.DoesNotContain("\n", message);
    }

    [Fact]
    public void A_key_given_twice_is_refused_rather_than_read_one_way()
    {
        Assert.StartsWith("app.json:3: $.steps[0]: \"commands\" is given twice",
            Refusal("{\"steps\": [{\"step\": \"a\", \"commands\": [\"true\"],\n\n \"commands\": [\"rm -rf /data\"]}]}"));
    }

    [Fact]
    public void Two_steps_may_not_share_a_name()
    {
        Assert.Contains("$.steps[1].step: \"a\" names an earlier step too",
            Refusal("""{"steps": [{"step": "a", "commands": ["x"]}, {"step": "a", "commands": ["y"]}]}"""));
    }

    [Fact]
    public void The_number_of_steps_is_bounded_by_the_hosts_limit()
    {
        var steps = string.Join(",", Enumerable.Range(0, 3).Select(i => $$"""{"step": "s{{i}}", "commands": ["x"]}"""));

        var message = Refusal("{\"steps\": [" + steps + "], \"scripts\": {\"postdeploy\": \"y\"}}", Limits.WithSteps(3, 5, 30));

        Assert.Equal("app.json:1: $: runs 4 steps, more than this host takes (3, limits.stepsPerApp in /etc/nap/napd.json)", message);
    }

    [Fact]
    public void The_commands_of_a_step_are_bounded_by_the_hosts_limit()
    {
        Assert.Contains("has 3 commands, more than this host takes (2, limits.commandsPerStep in /etc/nap/napd.json)",
            Refusal("""{"steps": [{"step": "a", "commands": ["x", "y", "z"]}]}""", Limits.WithSteps(20, 2, 30)));
    }

    [Fact]
    public void A_timeout_is_capped_by_the_hosts_limit_and_the_default_follows_a_lower_cap()
    {
        Assert.Contains("\"31m\" must be more than 0 and at most 30m (limits.stepMinutes in /etc/nap/napd.json)",
            Refusal("""{"steps": [{"step": "a", "commands": ["x"], "timeout": "31m"}]}"""));
        Assert.Equal(TimeSpan.FromMinutes(5), Parse("""{"steps": [{"step": "a", "commands": ["x"]}]}""", Limits.WithSteps(20, 50, 5)).BeforeSwitch[0].Timeout);
        Assert.Equal(TimeSpan.FromHours(1), Parse("""{"steps": [{"step": "a", "commands": ["x"], "timeout": "1h"}]}""", Limits.WithSteps(20, 50, 60)).BeforeSwitch[0].Timeout);
    }

    [Fact]
    public void A_deep_document_is_refused_before_it_is_walked()
    {
        Assert.Contains("not valid JSON", Refusal("{\"x\": " + new string('[', 100) + new string(']', 100) + "}"));
    }

    [Fact]
    public void A_large_app_json_is_refused_before_it_is_read()
    {
        File.WriteAllText(Path.Combine(dir.Path, "app.json"), "{\"name\": \"" + new string('x', 70 * 1024) + "\"}");

        var message = Assert.Throws<AppManifestException>(() => AppManifestReader.Read(dir.Path, Limits)).Message;

        Assert.Equal("app.json is 70 KB, more than this host takes (64 KB, limits.appJsonKilobytes in /etc/nap/napd.json)", message);
    }

    [Fact]
    public void An_app_json_that_links_out_of_the_tree_is_not_followed()
    {
        File.CreateSymbolicLink(Path.Combine(dir.Path, "app.json"), "/etc/passwd");

        Assert.Contains("symlink that leads outside", Assert.Throws<AppManifestException>(() => AppManifestReader.Read(dir.Path, Limits)).Message);
    }

    [Fact]
    public void Text_of_the_tenant_in_a_refusal_is_made_printable()
    {
        var message = Refusal("{\"steps\": [{\"step\": \"a\", \"commands\": [\"x\"], \"timeout\": \"\\u001b[31m\"}]}");

        Assert.DoesNotContain('\u001b', message);
    }

    static readonly Dictionary<string, IReadOnlyList<PipelineStep>> Stored = new()
    {
        ["checks"] = AppManifestReader.ParsePipeline("""[{"step": "lint", "commands": ["make lint"]}, {"step": "test", "commands": ["make test"]}]""", Limits),
        ["audit"] = AppManifestReader.ParsePipeline("""[{"step": "audit", "commands": ["npm audit"], "timeout": "2m"}]""", Limits),
    };

    static IReadOnlyList<PipelineStep>? Find(string name) => Stored.GetValueOrDefault(name);

    [Fact]
    public void Stored_pipelines_in_uses_run_in_their_order_before_the_apps_own_steps()
    {
        var manifest = AppManifestReader.Parse("""
            {"uses": ["audit", "checks"], "steps": [{"step": "build", "commands": ["make"]}], "scripts": {"predeploy": "./migrate"}}
            """, Limits, Find);

        Assert.Equal(["audit", "lint", "test", "build", "predeploy"], manifest.BeforeSwitch.Select(s => s.Name));
        Assert.Equal(TimeSpan.FromMinutes(2), manifest.BeforeSwitch[0].Timeout);
    }

    [Fact]
    public void An_apps_step_may_not_take_the_name_of_a_used_pipelines_step()
    {
        var message = Assert.Throws<AppManifestException>(() => AppManifestReader.Parse(
            """{"uses": ["checks"], "steps": [{"step": "test", "commands": ["x"]}]}""", Limits, Find)).Message;

        Assert.Contains("app.json:1: $.steps[0].step: \"test\" names an earlier step too", message);
    }

    [Fact]
    public void The_steps_of_used_pipelines_count_toward_the_hosts_limit()
    {
        var message = Assert.Throws<AppManifestException>(() => AppManifestReader.Parse(
            """{"uses": ["checks", "audit"]}""", Limits.WithSteps(2, 50, 30), Find)).Message;

        Assert.Contains("runs 3 steps, more than this host takes (2", message);
    }

    [Fact]
    public void A_pipe_json_is_refused_with_its_own_name_line_and_path()
    {
        var message = Assert.Throws<AppManifestException>(() => AppManifestReader.ParsePipeline("""
            [
              {"step": "compile", "commands": ["make"]},
              {"step": "deploy", "commands": "make deploy"}
            ]
            """, Limits)).Message;

        Assert.StartsWith("pipe.json:3: $[1].commands: must be a list of one or more commands", message);
    }

    [Fact]
    public void A_stored_pipeline_that_no_longer_passes_is_named_where_it_is_used()
    {
        static IReadOnlyList<PipelineStep> Stale(string name) => throw new AppManifestException("pipe.json:1: $: holds 30 steps, more than this host takes");

        var message = Assert.Throws<AppManifestException>(() => AppManifestReader.Parse("""{"uses": ["old"]}""", Limits, Stale)).Message;

        Assert.StartsWith("app.json:1: $.uses[0]: the stored pipeline \"old\" no longer passes this host's checks", message);
    }

    public void Dispose() => dir.Dispose();
}
