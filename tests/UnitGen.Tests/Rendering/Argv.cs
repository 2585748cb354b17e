using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

/// <summary>A rendered unit's command lines as systemd parses them (a template as instance 1).</summary>
static class Argv
{
    public static IReadOnlyList<string> Of(UnitFile unit, string key = "ExecStart")
    {
        using var units = new TempUnits([unit]);
        var lines = SystemdAnalyze.CommandLines(units.PathOf(unit));
        return lines.TryGetValue(key, out var argv) ? argv.Select(Images.AtExec).ToList() : [];
    }

    /// <summary>The values given to a flag, as "-p VALUE" or "--user=VALUE".</summary>
    public static IReadOnlyList<string> ValuesOf(this IReadOnlyList<string> argv, string flag) =>
        argv.Select((word, i) => (word, i)).Where(x => x.word == flag && x.i + 1 < argv.Count).Select(x => argv[x.i + 1])
            .Concat(argv.Where(word => word.StartsWith(flag + "=", StringComparison.Ordinal)).Select(word => word[(flag.Length + 1)..]))
            .ToList();
}
