using System.Diagnostics;
using System.Globalization;
using Nap.UnitGen;
using Nap.UnitGen.Isolation;
using Nap.UnitGen.Model;
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
        var rates = Measure(files, rounds,
            path => File.ReadAllText(path).Length,
            path => Translate(path, text => Dockerfile.Parse(text)),
            // napd's own translation: the Dockerfile also goes through the app's build boundary.
            path => Translate(path, text => BuildBoundary.Parse(text, "bench")[^1].Config));
        var (reads, translations, bounded) = (rates[0], rates[1], rates[2]);
        var invariant = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(invariant, $"files={files.Count} rounds={rounds} translations_per_second={translations:F0} bounded_per_second={bounded:F0} reads_per_second={reads:F0}"));
        return 0;
    }

    static int Translate(string path, Func<string, ImageConfig> parse)
    {
        var options = new UnitOptions { App = "bench", Revision = "0123456789abcdef", ContextDir = Path.GetDirectoryName(path)!, Template = true };
        try
        {
            return UnitRenderer.Render(parse(File.ReadAllText(path)), options).Sum(u => u.Content.Length);
        }
        catch (Exception e) when (e is DockerfileException or RenderException)
        {
            // Rejecting a Dockerfile is a translation too; the corpus keeps some on purpose.
            return e.Message.Length;
        }
    }

    // Round by round, each work in turn (another one first each round), so the machine's drifts (its clock, its
    // caches, the collector) fall on every work alike.
    static double[] Measure(IReadOnlyList<string> files, int rounds, params Func<string, int>[] works)
    {
        var sink = 0L;
        foreach (var work in works)
            foreach (var file in files)
                sink += work(file); // warm-up: JIT-free under AOT, but the page cache too
        var clocks = works.Select(_ => new Stopwatch()).ToArray();
        for (var round = 0; round < rounds; round++)
            for (var turn = 0; turn < works.Length; turn++)
            {
                var which = (round + turn) % works.Length;
                clocks[which].Start();
                foreach (var file in files)
                    sink += works[which](file);
                clocks[which].Stop();
            }
        GC.KeepAlive(sink);
        return [.. clocks.Select(clock => rounds * files.Count / clock.Elapsed.TotalSeconds)];
    }
}
