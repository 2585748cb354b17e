using Nap.UnitGen.Model;
using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

public class HostileValueSpecs
{
    const string Evil = "x\"; ExecStartPre=/bin/evil %n $HOME ${PATH} \\\n[Service]\nExecStart=/bin/evil ;";

    static readonly ImageConfig Hostile = Images.Web with
    {
        User = Evil,
        StopSignal = Evil,
        Volumes = ["/" + Evil],
        HealthCheck = new HealthCheck { Test = ["CMD-SHELL", Evil] },
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Hostile_Dockerfile_values_reach_docker_whole_and_add_nothing(bool template)
    {
        var unit = UnitRenderer.RenderRun(Hostile, Images.Options().WithTemplate(template));
        var argv = Argv.Of(unit);

        Assert.Equal([Evil], argv.ValuesOf("--user"));
        Assert.Equal([Evil], argv.ValuesOf("--stop-signal"));
        Assert.Matches("^/var/lib/nap/apps/web/volumes/[A-Za-z0-9_-]+:/" + System.Text.RegularExpressions.Regex.Escape(Evil) + "$", argv.ValuesOf("-v").Single());
        Assert.Contains("--health-cmd=" + Evil, argv);
        Assert.Equal(["Description", "Documentation", "After", "Wants", "Requires", "StartLimitIntervalSec", "StartLimitBurst"], new ParsedUnit(unit.Content).Entries.Where(e => e.Section == "Unit").Select(e => e.Key));
        Assert.Equal(["Unit", "Service", "Install"], new ParsedUnit(unit.Content).Sections);
    }

    [Fact]
    public void A_value_that_looks_like_a_flag_stays_the_value_of_its_own_flag()
    {
        var argv = Argv.Of(UnitRenderer.RenderRun(Images.Web with { User = "--privileged", StopSignal = "-v=/:/host" }, Images.Options()));

        Assert.Contains("--user=--privileged", argv);
        Assert.Contains("--stop-signal=-v=/:/host", argv);
        Assert.DoesNotContain("--privileged", argv);
    }

    [Fact]
    public void A_value_no_unit_can_hold_is_refused_with_one_line()
    {
        var error = Assert.Throws<RenderException>(() => UnitRenderer.RenderRun(Images.Web with { User = "app\0root" }, Images.Options()));

        Assert.Equal("a value cannot be written to a unit file: a NUL character cannot be passed in a command line", error.Message);
    }
}
