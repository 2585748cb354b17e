using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Golden;

/// <summary>
/// Dockerfile in, unit files out, byte for byte against the files checked in beside it.
/// UPDATE_GOLDEN=1 rewrites them; read the diff before committing it.
/// </summary>
public class GoldenSpecs
{
    static readonly bool Update = Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    [Theory]
    [MemberData(nameof(Corpus.All), MemberType = typeof(Corpus))]
    public void Every_corpus_Dockerfile_translates_to_its_checked_in_units(string name)
    {
        var image = Corpus.Parse(name);
        var plain = UnitRenderer.Render(image, Corpus.Options(name));
        var template = UnitRenderer.RenderRun(image, Corpus.Options(name).WithTemplate());

        foreach (var unit in plain.Append(template))
            AssertGolden(Path.Combine(Corpus.Dir, name, unit.Name), unit.Content);
    }

    [Theory]
    [MemberData(nameof(Corpus.All), MemberType = typeof(Corpus))]
    public void Every_corpus_Dockerfile_translates_to_its_checked_in_swarm_service(string name)
    {
        var service = UnitRenderer.RenderSwarm(Corpus.Parse(name), Corpus.SwarmOptions(name));

        AssertGolden(Path.Combine(Corpus.Dir, name, Corpus.SwarmGolden), SwarmCommand.Script(service));
    }

    static void AssertGolden(string path, string actual)
    {
        if (Update)
            File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"no golden {path}: run the tests with UPDATE_GOLDEN=1 and read what they wrote");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
