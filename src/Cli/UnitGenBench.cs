using System.Diagnostics;
using System.Globalization;
using Nap.UnitGen;
using Nap.UnitGen.Rendering;

namespace Nap.Cli;

/// <summary>
/// Hidden `--bench ROUNDS DIR...`: translations per second over every Dockerfile under DIR,
/// against just reading those files in the same run, so the number means something on any machine.
/// </summary>
static class UnitGenBench
{
    public static int Run(IReadOnlyList<string> roots, int rounds, TextWriter stdout)
    {
        var files = roots.SelectMany(r => Directory.Exists(r) ? Directory.EnumerateFiles(r, "Dockerfile", SearchOption.AllDirectories) : [r]).Order().ToList();
        if (files.Count == 0)
            throw new FileNotFoundException("no Dockerfile found to bench");
        var reads = Measure(files, rounds, path => File.ReadAllText(path).Length);
        var translations = Measure(files, rounds, Translate);
        var invariant = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(invariant, $"files={files.Count} rounds={rounds} translations_per_second={translations:F0} reads_per_second={reads:F0}"));
        return 0;
    }

    static int Translate(string path)
    {
        var options = new UnitOptions { App = "bench", Revision = "0123456789abcdef", ContextDir = Path.GetDirectoryName(path)!, Template = true };
        try
        {
            return UnitRenderer.Render(Dockerfile.Parse(File.ReadAllText(path)), options).Sum(u => u.Content.Length);
        }
        catch (Exception e) when (e is DockerfileException or RenderException)
        {
            // Rejecting a Dockerfile is a translation too; the corpus keeps some on purpose.
            return e.Message.Length;
        }
    }

    static double Measure(IReadOnlyList<string> files, int rounds, Func<string, int> work)
    {
        var sink = 0L;
        foreach (var file in files)
            sink += work(file); // warm-up: JIT-free under AOT, but the page cache too
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
            foreach (var file in files)
                sink += work(file);
        GC.KeepAlive(sink);
        return rounds * files.Count / clock.Elapsed.TotalSeconds;
    }
}
