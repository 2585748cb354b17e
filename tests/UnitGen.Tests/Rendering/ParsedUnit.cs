namespace Nap.UnitGen.Tests.Rendering;

/// <summary>A rendered unit read back as (section, key) -> values, for assertions about single settings.</summary>
sealed class ParsedUnit
{
    readonly List<(string Section, string Key, string Value)> entries = [];

    public ParsedUnit(string content)
    {
        var section = "";
        foreach (var line in content.Split('\n'))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
                section = line[1..^1];
            else if (line.Length > 0 && !line.StartsWith('#') && line.IndexOf('=') is > 0 and var eq)
                entries.Add((section, line[..eq], line[(eq + 1)..]));
        }
    }

    public IReadOnlyList<(string Section, string Key, string Value)> Entries => entries;

    public IReadOnlyList<string> Sections => entries.Select(e => e.Section).Distinct().ToList();

    public IReadOnlyList<string> All(string section, string key) =>
        entries.Where(e => e.Section == section && e.Key == key).Select(e => e.Value).ToList();

    public string? this[string section, string key] => All(section, key).SingleOrDefault();
}
