using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

public class FleetSpecs
{
    [Fact]
    public void Fleet_units_keep_an_apps_instances_on_different_machines_where_asked()
    {
        var options = Images.Options().WithTemplate().WithFlavor(UnitFlavor.Fleet) with { MachineMetadata = ["region=eu", "disk=ssd"] };

        var parsed = new ParsedUnit(UnitRenderer.RenderRun(Images.Web, options).Content);

        Assert.Equal("nap-web@*.service", parsed["X-Fleet", "Conflicts"]);
        Assert.Equal(["region=eu", "disk=ssd"], parsed.All("X-Fleet", "MachineMetadata"));
    }

    [Fact]
    public void The_fleet_build_unit_has_no_conflicts_but_follows_the_machine_metadata()
    {
        var options = Images.Options().WithFlavor(UnitFlavor.Fleet) with { MachineMetadata = ["region=eu"] };

        var parsed = new ParsedUnit(UnitRenderer.RenderBuild(Images.Web, options).Content);

        Assert.Empty(parsed.All("X-Fleet", "Conflicts"));
        Assert.Equal(["region=eu"], parsed.All("X-Fleet", "MachineMetadata"));
    }

    [Fact]
    public void Systemd_units_have_no_fleet_section() =>
        Assert.DoesNotContain("X-Fleet", new ParsedUnit(UnitRenderer.RenderRun(Images.Web, Images.Options()).Content).Sections);

    [Fact]
    public void Systemd_accepts_the_fleet_section_silently()
    {
        var options = Images.Options().WithFlavor(UnitFlavor.Fleet) with { MachineMetadata = ["region=eu"] };
        using var units = new TempUnits(UnitRenderer.Render(Images.Web, options));

        Assert.Equal("", SystemdAnalyze.Verify(Directory.GetFiles(units.Dir)));
    }
}
