using Nap.UnitGen.Model;
using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

public class StepRunSpecs
{
    static readonly ImageConfig Image = Images.Web with
    {
        User = "app",
        Volumes = ["/data"],
        StopSignal = "SIGINT",
        HealthCheck = new HealthCheck { Test = ["CMD", "true"] },
        Labels = [new KeyValuePair<string, string>("nap.init", "true")],
    };

    static readonly UnitOptions Options = Images.Options() with
    {
        Image = "nap/web:3-0f",
        Template = true,
        EnvFile = "/var/lib/nap/apps/web/env",
        DataDir = "/var/lib/nap/apps/web",
        Memory = "256m",
        Cpus = "0.5",
        PidsLimit = 512,
        Network = "nap-web",
    };

    static IReadOnlyList<string> Step(string script = "set -e\nmake test") => StepRun.Arguments(Image, Options, "nap-web-3.step", script);

    [Fact]
    public void A_step_gets_the_run_units_user_config_volumes_limits_and_network()
    {
        var runUnit = Argv.Of(UnitRenderer.RenderRun(Image, Options));
        var step = Step();

        string[] shared = ["--init", "--env-file", "/var/lib/nap/apps/web/env", "--user=app", "--memory=256m", "--cpus=0.5", "--pids-limit=512", "--network=nap-web", "--log-driver=none", "/var/lib/nap/apps/web/volumes/data:/data"];
        foreach (var flag in shared)
        {
            Assert.Contains(flag, runUnit);
            Assert.Contains(flag, step);
        }
        Assert.Equal(runUnit.ValuesOf("-e"), step.Where((_, i) => i > 0 && step[i - 1] == "-e"));
    }

    [Fact]
    public void A_step_publishes_no_port_and_has_no_health_check_or_release_label()
    {
        var step = Step();

        Assert.DoesNotContain(step, a => a is "-p" or "--publish" || a.StartsWith("--health", StringComparison.Ordinal) || a.StartsWith("--stop-signal", StringComparison.Ordinal));
        Assert.DoesNotContain(step, a => a.StartsWith("nap.release=", StringComparison.Ordinal) || a.StartsWith("nap.app=", StringComparison.Ordinal));
        Assert.Contains("nap.step=web", step);
    }

    [Fact]
    public void A_step_is_a_named_removable_container_running_its_script_in_a_shell_of_the_release_image()
    {
        var step = Step("set -e\necho \"$HOME\"; rm -rf --no-preserve-root x");

        Assert.Equal(["run", "--rm", "--name", "nap-web-3.step"], step.Take(4));
        Assert.Equal(["--entrypoint=/bin/sh", "nap/web:3-0f", "-c", "set -e\necho \"$HOME\"; rm -rf --no-preserve-root x"], step.TakeLast(4));
    }

    [Fact]
    public void A_step_without_init_follows_the_dockerfiles_label_as_the_run_unit_does()
    {
        var step = StepRun.Arguments(Image with { Labels = [new KeyValuePair<string, string>("nap.init", "false")] }, Options, "c", "true");

        Assert.DoesNotContain("--init", step);
    }
}
