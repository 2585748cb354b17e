using Nap.Deployer.Health;
using Nap.Deployer.Settings;
using Nap.Deployer.Steps;

namespace Nap.Deployer.Tests.Steps;

/// <summary>app.json's `healthchecks`, in the format Dokku reads (dokku/docker-container-healthchecker's docs/file-format.md).</summary>
public sealed class AppManifestHealthCheckSpecs
{
    static AppManifest Parse(string json, TenantLimits? limits = null) => AppManifestReader.Parse(json, limits ?? new TenantLimits());

    static string Refusal(string json, TenantLimits? limits = null) =>
        Assert.Throws<AppManifestException>(() => Parse(json, limits)).Message;

    [Fact]
    public void A_web_startup_check_is_read_with_dokkus_defaults_for_what_it_leaves_out()
    {
        var checks = Parse("""{"healthchecks": {"web": [{"type": "startup", "path": "/health"}]}}""").Checks;

        Assert.Equal([new StartupCheck("/health", "/health", null, 3, 5, 5, 0)], checks);
    }

    [Fact]
    public void Every_key_nap_runs_is_read_and_a_name_or_description_is_kept_for_the_output()
    {
        var checks = Parse("""
            {"healthchecks": {"web": [
              {"name": "ready", "description": "db migrated", "path": "/ready?full=1", "content": "ok", "attempts": 10, "timeout": 2, "wait": 1, "initialDelay": 4},
              {"path": "/"}
            ]}}
            """).Checks;

        Assert.Equal(new StartupCheck("ready", "/ready?full=1", "ok", 10, 2, 1, 4), checks[0]);
        Assert.Equal("/", checks[1].Path);
    }

    [Fact]
    public void Liveness_readiness_and_other_process_types_do_not_gate_a_release()
    {
        var manifest = Parse("""
            {"healthchecks": {
              "web": [{"type": "liveness", "path": "/live"}, {"type": "readiness", "path": "/ready"}],
              "worker": [{"uptime": 10}]
            }}
            """);

        Assert.Empty(manifest.Checks);
        Assert.True(manifest.IsEmpty);
    }

    [Fact]
    public void A_check_is_what_makes_an_app_json_not_empty()
    {
        Assert.False(Parse("""{"healthchecks": {"web": [{"path": "/"}]}}""").IsEmpty);
    }

    [Theory]
    [InlineData("""{"command": ["./ready.sh"]}""", "$.healthchecks.web[0].command: is not a key nap runs")]
    [InlineData("""{"path": "/", "port": 3000}""", "$.healthchecks.web[0].port: is not a key nap runs")]
    [InlineData("""{"uptime": 10}""", "$.healthchecks.web[0].uptime: is not a key nap runs")]
    [InlineData("""{"name": "x"}""", "$.healthchecks.web[0]: has no \"path\"")]
    [InlineData("""{"path": "health"}""", "$.healthchecks.web[0].path: \"health\" must start with /")]
    [InlineData("""{"path": "/a b"}""", "$.healthchecks.web[0].path: \"/a b\" must start with / and hold no spaces")]
    [InlineData("""{"path": 1}""", "$.healthchecks.web[0].path: must be an HTTP path")]
    [InlineData("""{"path": "/", "attempts": 0}""", "$.healthchecks.web[0].attempts: must be a whole number of attempts from 1 to 100")]
    [InlineData("""{"path": "/", "timeout": 1.5}""", "$.healthchecks.web[0].timeout: must be a whole number of seconds")]
    [InlineData("""{"path": "/", "wait": "5"}""", "$.healthchecks.web[0].wait: must be a whole number of seconds")]
    [InlineData("""{"path": "/", "type": "boot"}""", "$.healthchecks.web[0].type: must be \"startup\"")]
    public void A_check_nap_cannot_run_as_written_is_refused_saying_where_and_why(string check, string expected)
    {
        var message = Refusal("{\"healthchecks\": {\"web\": [" + check + "]}}");

        Assert.Contains("app.json:1: " + expected, message);
    }

    [Fact]
    public void A_check_that_could_outlast_the_hosts_limit_is_refused_naming_the_setting()
    {
        var message = Refusal("""{"healthchecks": {"web": [{"path": "/", "attempts": 20, "timeout": 10, "wait": 10}]}}""",
            new TenantLimits { HealthCheckSeconds = 300 });

        Assert.Contains("may take 390 s", message);
        Assert.Contains("limits.healthCheckSeconds in /etc/nap/napd.json", message);
    }

    [Fact]
    public void Healthchecks_that_are_not_an_object_of_lists_are_refused()
    {
        Assert.Contains("$.healthchecks: must be an object", Refusal("""{"healthchecks": []}"""));
        Assert.Contains("$.healthchecks.web: must be a list", Refusal("""{"healthchecks": {"web": {"path": "/"}}}"""));
    }
}
