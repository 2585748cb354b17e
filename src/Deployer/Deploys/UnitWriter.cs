using Nap.Deployer.Config;
using Nap.Deployer.Systemd;
using Nap.UnitGen.Rendering;

namespace Nap.Deployer.Deploys;

/// <summary>Installs rendered unit files into systemd's directory, atomically, and reloads systemd once.</summary>
public sealed class UnitWriter(NapdConfig config, ISystemd systemd)
{
    public string PathOf(string unit) => Path.Combine(config.SystemdDir, unit);

    public async Task InstallAsync(IReadOnlyList<UnitFile> units, CancellationToken ct)
    {
        var changed = false;
        foreach (var unit in units)
        {
            var path = PathOf(unit.Name);
            if (File.Exists(path) && await File.ReadAllTextAsync(path, ct) == unit.Content)
                continue;
            var temp = Path.Combine(config.SystemdDir, "." + unit.Name + ".tmp");
            await File.WriteAllTextAsync(temp, unit.Content, ct);
            File.Move(temp, path, overwrite: true);
            changed = true;
        }
        // A reload costs ~100 ms and re-reads every unit: only when something changed.
        if (changed)
            await systemd.DaemonReloadAsync(ct);
    }

    /// <summary>Deletes the files (absent is fine) and reloads.</summary>
    public async Task RemoveAsync(IEnumerable<string> units, CancellationToken ct)
    {
        foreach (var unit in units)
            File.Delete(PathOf(unit));
        await systemd.DaemonReloadAsync(ct);
    }
}
