using Nap.UnitGen.Rendering;
using Nap.UnitGen.Tests.Rendering;

namespace Nap.UnitGen.Tests.Golden;

/// <summary>systemd itself reads every unit nap would write for the corpus, and must have nothing to say.</summary>
public class SystemdVerifySpecs
{
    [Theory]
    [MemberData(nameof(Corpus.All), MemberType = typeof(Corpus))]
    public void Every_unit_of_every_corpus_Dockerfile_passes_systemd_analyze_verify(string name)
    {
        var image = Corpus.Parse(name);
        foreach (var options in Corpus.EveryKind(name))
        {
            var units = UnitRenderer.Render(image, options);
            using var dir = new TempUnits(units);

            var output = SystemdAnalyze.Verify([.. units.Select(dir.PathOf)]);

            Assert.True(output == "", $"{options.Flavor} template={options.Template}:\n{output}");
        }
    }
}
