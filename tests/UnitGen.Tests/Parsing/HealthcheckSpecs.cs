using Nap.UnitGen.Model;

namespace Nap.UnitGen.Tests.Parsing;

public class HealthcheckSpecs
{
    private static HealthCheck? Parse(string line) => Dockerfile.Parse($"FROM alpine\n{line}\n").HealthCheck;

    [Fact]
    public void I_can_read_a_shell_form_healthcheck_with_every_option()
    {
        var health = Parse("HEALTHCHECK --interval=30s --timeout=3s --start-period=1m30s --start-interval=500ms --retries=5 \\\n  CMD curl -fsS http://localhost:8080/health || exit 1");

        Assert.NotNull(health);
        Assert.Equal(["CMD-SHELL", "curl -fsS http://localhost:8080/health || exit 1"], health.Test);
        Assert.Equal(TimeSpan.FromSeconds(30), health.Interval);
        Assert.Equal(TimeSpan.FromSeconds(3), health.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(90), health.StartPeriod);
        Assert.Equal(TimeSpan.FromMilliseconds(500), health.StartInterval);
        Assert.Equal(5, health.Retries);
        Assert.False(health.IsDisabled);
    }

    [Fact]
    public void I_can_read_an_exec_form_healthcheck_without_options()
    {
        var health = Parse("HEALTHCHECK CMD [\"/bin/check\", \"--quick\"]");

        Assert.NotNull(health);
        Assert.Equal(["CMD", "/bin/check", "--quick"], health.Test);
        Assert.Equal((null, null, null), (health.Interval, health.Timeout, health.Retries));
    }

    [Fact]
    public void None_disables_an_inherited_healthcheck()
    {
        var config = Dockerfile.Parse("FROM alpine AS base\nHEALTHCHECK CMD true\nFROM base\nhealthcheck none\n");

        Assert.Same(HealthCheck.Disabled, config.HealthCheck);
    }

    [Fact]
    public void A_healthcheck_command_ending_in_an_escaped_backslash_leaves_the_next_expose_alone()
    {
        var config = Dockerfile.Parse("FROM alpine\nHEALTHCHECK CMD echo a\\\\\nEXPOSE 80\n");

        Assert.Equal(["CMD-SHELL", "echo a\\\\"], config.HealthCheck!.Test);
        Assert.Equal([new ExposedPort(80)], config.Ports);
    }

    [Fact]
    public void No_healthcheck_is_null() =>
        Assert.Null(Dockerfile.Parse("FROM alpine\n").HealthCheck);

    [Fact]
    public void A_zero_duration_means_dockers_default() =>
        Assert.Null(Parse("HEALTHCHECK --interval=0s CMD true")!.Interval);

    [Theory]
    [InlineData("0", null)]
    [InlineData("-0", null)]
    [InlineData("0ms", null)]
    [InlineData("1ms", 10_000L)]
    [InlineData("1000001ns", 10_000L)]
    [InlineData("1.5h", 54_000_000_000L)]
    [InlineData(".5s", 5_000_000L)]
    [InlineData("1.s", 10_000_000L)]
    [InlineData("+1m1s", 610_000_000L)]
    [InlineData("1500µs", 15_000L)]
    [InlineData("1500μs", 15_000L)]
    public void Durations_are_read_as_gos_time_parse_duration_reads_them(string text, long? ticks) =>
        Assert.Equal(ticks, Parse($"HEALTHCHECK --interval={text} CMD true")!.Interval?.Ticks);

    private const string TooShort = "is too short or negative; use at least 1ms";
    private const string NotADuration = "is not a duration; write e.g. 30s, 1m30s or 500ms";

    // Below 1ms is refused even where a TimeSpan tick cannot hold it (1ns); Go's syntax errors are refused too.
    [Theory]
    [InlineData("--interval=1ns", TooShort)]
    [InlineData("--timeout=50ns", TooShort)]
    [InlineData("--start-period=999us", TooShort)]
    [InlineData("--start-interval=0.5ms", TooShort)]
    [InlineData("--interval=-1ns", TooShort)]
    [InlineData("--interval=1", NotADuration)]
    [InlineData("--interval=.s", NotADuration)]
    [InlineData("--interval=1d", NotADuration)]
    [InlineData("--interval=1h-1m", NotADuration)]
    [InlineData("--interval=9223372036854775808ns", NotADuration)]
    [InlineData("--interval=\u0661s", NotADuration)]
    public void A_duration_under_a_millisecond_or_one_go_cannot_read_is_refused(string option, string reason)
    {
        var error = Assert.Throws<DockerfileException>(() => Parse($"HEALTHCHECK {option} CMD true"));

        Assert.EndsWith(reason, error.Message);
    }

    [Theory]
    [InlineData("HEALTHCHECK --interval=30 CMD true", "--interval=\"30\" is not a duration; write e.g. 30s, 1m30s or 500ms")]
    [InlineData("HEALTHCHECK --timeout=-1s CMD true", "--timeout=\"-1s\" is too short or negative; use at least 1ms")]
    [InlineData("HEALTHCHECK --retries=-1 CMD true", "--retries=\"-1\" is not a count; write a whole number such as 3")]
    [InlineData("HEALTHCHECK --retries=three CMD true", "--retries=\"three\" is not a count; write a whole number such as 3")]
    [InlineData("HEALTHCHECK --every=5s CMD true", "unknown flag --every; it takes --interval, --timeout, --start-period, --start-interval, --retries")]
    [InlineData("HEALTHCHECK --interval CMD true", "--interval needs a value: --interval=VALUE")]
    [InlineData("HEALTHCHECK CMD", "missing command after HEALTHCHECK CMD")]
    [InlineData("HEALTHCHECK curl localhost", "unknown type \"CURL\"; write HEALTHCHECK [OPTIONS] CMD command, or HEALTHCHECK NONE")]
    [InlineData("HEALTHCHECK", "needs a type; write HEALTHCHECK [OPTIONS] CMD command, or HEALTHCHECK NONE")]
    [InlineData("HEALTHCHECK NONE CMD true", "HEALTHCHECK NONE takes no arguments or options")]
    public void I_get_an_error_for_a_bad_healthcheck(string line, string message)
    {
        var error = Assert.Throws<DockerfileException>(() => Parse(line));

        Assert.Equal("Dockerfile:2: HEALTHCHECK: " + message, error.Message);
    }
}
