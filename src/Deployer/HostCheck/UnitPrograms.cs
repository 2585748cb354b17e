using Nap.UnitGen;
using Nap.UnitGen.Rendering;

namespace Nap.Deployer.HostCheck;

/// <summary>
/// The programs nap's units start (ExecStart=, ExecStartPre=, ExecStop=...), read from the units UnitGen renders
/// for a sample app, so the check follows whatever UnitGen writes rather than a second copy of its paths.
/// </summary>
public static class UnitPrograms
{
    public static IReadOnlyList<string> All { get; } = Read();

    static IReadOnlyList<string> Read()
    {
        var options = new UnitOptions { App = "sample", Revision = "0", ContextDir = "/tmp", Image = "nap/sample:1", Template = true };
        return UnitRenderer.Render(Dockerfile.Parse("FROM scratch\nCMD [\"/app\"]\n"), options)
            .SelectMany(unit => unit.Content.Split('\n'))
            .Where(line => line.StartsWith("Exec", StringComparison.Ordinal))
            .Select(Program)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>"ExecStopPost=-/usr/bin/docker rm -f x" → "/usr/bin/docker": the prefixes -@:+! only change how systemd runs it.</summary>
    static string Program(string line) =>
        line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].TrimStart('-', '@', ':', '+', '!').Split(' ', 2)[0];
}
