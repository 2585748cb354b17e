using Nap.Protocol;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// An app with a VOLUME on a cluster: its data stays where the single host kept it (DATADIR/volumes/NAME, bind
/// mounted), so the app is pinned to the manager, the host nap was installed on. Nothing copies data between
/// nodes; the push says so in one line rather than leave the user to find a fresh, empty volume on another node.
/// </summary>
static class SwarmVolumes
{
    public static IReadOnlyList<SwarmMount> Mounts(UnitPlan plan) =>
        [.. plan.Image.Volumes.Distinct().Select(path => new SwarmMount(VolumeFlags.HostDir(plan, path), path))];

    public static IEnumerable<string> Pin(UnitPlan plan) =>
        plan.Image.Volumes.Count == 0 ? [] : [SwarmConstraints.Manager];

    public static IReadOnlyList<string> Notes(UnitPlan plan) =>
        plan.Image.Volumes.Count == 0
            ? []
            : [$"{plan.App} has a VOLUME ({Untrusted.Printable(string.Join(", ", plan.Image.Volumes.Distinct()), 160)}): it runs on the manager only ({SwarmConstraints.Manager}), its data stays in {Untrusted.Printable(plan.DataDir, 160)}/volumes"];

    // --mount is read as one CSV record (opts/mount.go), so a field holding ',' or '"' is quoted the CSV way.
    public static string Flag(SwarmMount mount) =>
        $"--mount={string.Join(',', new[] { "type=bind", $"source={mount.Source}", $"target={mount.Target}" }.Select(Csv))}";

    static string Csv(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) < 0 ? field : $"\"{field.Replace("\"", "\"\"")}\"";
}
