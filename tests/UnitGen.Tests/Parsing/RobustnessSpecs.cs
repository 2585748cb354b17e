using Nap.UnitGen.Parsing;

namespace Nap.UnitGen.Tests.Parsing;

public class RobustnessSpecs
{
    private static readonly string[] Insertions = ["\"", "'", "[", "]", "$", "${", "}", "\\", "`", "<<", "<<-", "\n", "--", "=", ":", "#", " AS ", "\t", "\u0000", "{\"a\":1}"];

    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public void A_mangled_dockerfile_fails_only_with_a_dockerfile_exception(string name)
    {
        var text = CorpusFiles.Read(name);
        var random = new Random(name.Sum(c => c));
        var outcomes = new List<string>();

        for (var round = 0; round < 150; round++)
        {
            var position = random.Next(text.Length + 1);
            var mangled = (round % 3) switch
            {
                0 => text[..position],
                1 => text.Remove(Math.Min(position, text.Length - 1), 1),
                _ => text.Insert(position, Insertions[random.Next(Insertions.Length)]),
            };
            outcomes.Add(Outcome(mangled));
        }

        Assert.All(outcomes, o => Assert.True(o is "parsed" || o.StartsWith("Dockerfile:", StringComparison.Ordinal), o));
    }

    private static string Outcome(string text)
    {
        try
        {
            DockerfileParser.Parse(text);
            Dockerfile.Parse(text);
            return "parsed";
        }
        catch (DockerfileException e)
        {
            Assert.DoesNotContain('\n', e.Message);
            return e.Message;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
