using Nap.UnitGen.Model;
using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

public class HealthCheckSpecs
{
    static IReadOnlyList<string> Argv(HealthCheck? check) =>
        Rendering.Argv.Of(UnitRenderer.RenderRun(Images.Web with { HealthCheck = check }, Images.Options()));

    [Fact]
    public void A_shell_health_check_is_mirrored_with_its_timings()
    {
        var argv = Argv(new HealthCheck
        {
            Test = ["CMD-SHELL", "wget -q -O- http://localhost:8080/ || exit 1"],
            Interval = TimeSpan.FromSeconds(90),
            Timeout = TimeSpan.FromMilliseconds(1500),
            StartPeriod = TimeSpan.FromHours(1),
            Retries = 3,
        });

        Assert.Equal(
            ["--health-cmd=wget -q -O- http://localhost:8080/ || exit 1", "--health-interval=1m30s", "--health-timeout=1s500ms", "--health-start-period=1h", "--health-retries=3"],
            argv.Where(a => a.StartsWith("--health")));
    }

    [Fact]
    public void An_exec_form_health_check_is_left_to_the_image_because_docker_run_takes_only_a_shell_string()
    {
        var argv = Argv(new HealthCheck { Test = ["CMD", "/bin/check", "--fast"], Interval = TimeSpan.FromSeconds(5) });

        Assert.Equal(["--health-interval=5s"], argv.Where(a => a.StartsWith("--health")));
    }

    [Fact]
    public void HEALTHCHECK_NONE_turns_the_check_off() =>
        Assert.Contains("--no-healthcheck", Argv(HealthCheck.Disabled));

    [Fact]
    public void No_HEALTHCHECK_adds_no_health_flag() =>
        Assert.DoesNotContain(Argv(null), a => a.Contains("health"));
}
