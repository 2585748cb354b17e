using Nap.UnitGen.Rendering;

namespace Nap.Deployer.Systemd;

/// <summary>Installs rendered unit files into systemd's directory, atomically, and reloads systemd when it must.</summary>
/// <param name="dir">Where units live (napd.json's systemdDir: /etc/systemd/system).</param>
public sealed class UnitFiles(string dir, ISystemd systemd)
{
    public string PathOf(string unit) => Path.Combine(dir, unit);

    public async Task InstallAsync(IReadOnlyList<UnitFile> units, CancellationToken ct)
    {
        List<string> changed = [];
        foreach (var unit in units)
        {
            var path = PathOf(unit.Name);
            if (File.Exists(path) && await File.ReadAllTextAsync(path, ct) == unit.Content)
                continue;
            var temp = Path.Combine(dir, "." + unit.Name + ".tmp");
            await File.WriteAllTextAsync(temp, unit.Content, ct);
            File.Move(temp, path, overwrite: true);
            changed.Add(unit.Name);
        }
        if (changed.Count > 0 && await NeedReloadAsync(changed, ct))
            await systemd.ReloadAsync(ct);
    }

    /// <summary>
    /// A reload re-reads every unit: 0.1 s on a quiet host, up to a second on a busy one, on every push.
    /// systemd reads a unit it has not loaded (new, or unloaded once inactive, as a finished build is)
    /// from disk when asked for it, and a new instance from its template's file as it is now: only a
    /// loaded unit whose file changed (a running release's template) needs the reload.
    /// </summary>
    async Task<bool> NeedReloadAsync(IReadOnlyList<string> changed, CancellationToken ct)
    {
        var loaded = changed.Select(name => name.Replace("@.", "@*.", StringComparison.Ordinal)).ToArray();
        try
        {
            return (await systemd.ChangedOnDiskAsync(loaded, ct)).Count > 0;
        }
        catch (SystemdException)
        {
            return true;
        }
    }

    /// <summary>Deletes the files (absent is fine) and reloads.</summary>
    public async Task RemoveAsync(IEnumerable<string> units, CancellationToken ct)
    {
        foreach (var unit in units)
            File.Delete(PathOf(unit));
        await systemd.ReloadAsync(ct);
    }
}
