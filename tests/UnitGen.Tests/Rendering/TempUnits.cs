using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

/// <summary>Rendered units written to a fresh directory, the way napd writes them to /etc/systemd/system.</summary>
sealed class TempUnits : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("nap-units-").FullName;

    public TempUnits(IEnumerable<UnitFile> units)
    {
        foreach (var unit in units)
            File.WriteAllText(Path.Combine(Dir, unit.Name), unit.Content);
    }

    /// <summary>The path verify should load: a template is verified through an instance (release 1).</summary>
    public string PathOf(UnitFile unit) => Path.Combine(Dir, unit.Name.Replace("@.service", "@1.service"));

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
