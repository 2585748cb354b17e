using Nap.UnitGen.Rendering;

namespace Nap.Cli;

/// <summary>Units to stdout under "# NAME" headers, or into a directory as napd would write them.</summary>
static class UnitGenOutput
{
    public static void Print(IReadOnlyList<UnitFile> units, TextWriter stdout)
    {
        for (var i = 0; i < units.Count; i++)
        {
            if (i > 0)
                stdout.Write('\n');
            stdout.Write($"# {units[i].Name}\n{units[i].Content}");
        }
    }

    public static void Write(IReadOnlyList<UnitFile> units, string dir, TextWriter stdout)
    {
        Directory.CreateDirectory(dir);
        foreach (var unit in units)
        {
            var path = Path.Combine(dir, unit.Name);
            File.WriteAllText(path, unit.Content);
            stdout.WriteLine(path);
        }
    }
}
