using Nap.Deployer.Builds;
using Nap.Deployer.Settings;
using Nap.UnitGen.Rendering;

namespace Nap.Deployer.Tests.Builds;

public class LimitSignsSpecs
{
    const string Failure = "nap-web-build.service failed (exit-code, exit status 1): journalctl -u nap-web-build.service has its log";

    static readonly TenantLimits Limits = new() { BuildTasks = 64, BuildMemoryMegabytes = 256 };

    static readonly UnitOptions Bounded = new()
    {
        App = "web", Revision = "0123456789ab", ContextDir = "/src",
        BuildCgroup = "/system.slice/nap-web-build.service", BuildTasks = 64, BuildMemory = "256M",
    };

    static LimitSigns After(params string[] lines) => lines.Aggregate(new LimitSigns(), (signs, line) => signs.Seen(line));

    [Fact]
    public void A_step_refused_a_fork_names_the_process_limit_and_its_setting()
    {
        var signs = After("#5 [2/3] RUN make -j", "#5 0.412 /bin/sh: can't fork: Resource temporarily unavailable", "#5 ERROR: process \"/bin/sh -c make -j\" did not complete successfully: exit code: 2");

        Assert.Equal("a step could not start a process: a build may hold 64 at once (limits.buildTasks in /etc/nap/napd.json)", signs.Explain(Failure, Bounded, Limits));
    }

    [Theory]
    [InlineData("#7 ERROR: process \"/bin/sh -c npm ci\" did not complete successfully: exit code: 137", Failure)]
    [InlineData("#7 0.2 added 3 packages", "nap-web-build.service failed (oom-kill): journalctl -u nap-web-build.service has its log")]
    public void A_step_killed_or_a_unit_ended_by_the_OOM_killer_names_the_memory_limit(string line, string failure) =>
        Assert.Equal(
            "a step was killed, as the kernel does past the build's memory limit: a build may use 256 MB (limits.buildMemoryMegabytes in /etc/nap/napd.json)",
            After(line).Explain(failure, Bounded, Limits));

    [Fact]
    public void A_failure_with_neither_sign_is_left_as_systemd_said_it()
    {
        Assert.Null(After("#5 ERROR: process \"/bin/sh -c false\" did not complete successfully: exit code: 1").Explain(Failure, Bounded, Limits));
    }

    [Fact]
    public void Steps_outside_the_build_unit_met_none_of_its_limits_whatever_they_printed()
    {
        var unbounded = Bounded with { BuildCgroup = null };

        Assert.Null(After("sh: can't fork: Resource temporarily unavailable").Explain(Failure, unbounded, Limits));
    }
}
