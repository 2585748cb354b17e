using Nap.UnitGen.Systemd;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// fleet's [X-Fleet]: systemd ignores X- sections, fleet reads them to place units.
/// Conflicts= keeps one instance of an app per machine: on a cluster, fleet spreads them out.
/// </summary>
static class FleetSection
{
    public static UnitDocument AddTo(UnitDocument unit, UnitPlan plan, bool conflicts)
    {
        if (plan.Options.Flavor != UnitFlavor.Fleet)
            return unit;
        var section = new UnitSection("X-Fleet").WithIf(conflicts, "Conflicts", plan.InstancesPattern);
        foreach (var metadata in plan.Options.MachineMetadata)
            section = section.With("MachineMetadata", SystemdQuoting.Value(metadata));
        return section.Entries.Count == 0 ? unit : unit.With(section);
    }
}
