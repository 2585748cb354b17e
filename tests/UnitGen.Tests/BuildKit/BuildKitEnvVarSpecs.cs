using System.Text.Json;

namespace Nap.UnitGen.Tests.BuildKit;

/// <summary>
/// buildkit's shell-lexer vectors (envVarTest.cases): each word is substituted by nap as an ENV value, with the
/// variables those vectors assume, and must give docker's result or be refused where docker refuses it.
/// </summary>
public class BuildKitEnvVarSpecs
{
    private const string Variables = "ENV PWD=/home SHELL=bash KOREAN=한국어 NULL=";

    private static readonly string[] Rows = File.ReadAllLines(Path.Combine(BuildKitCase.Directory, "envVarTest.cases"));

    public static TheoryData<int> Vectors => new(Enumerable.Range(0, Rows.Length).Where(i => Rows[i].StartsWith('"')));

    public static TheoryData<int> WindowsVectors => new(Enumerable.Range(0, Rows.Length).Where(i => Rows[i].StartsWith("windows: ", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Nap_substitutes_each_word_of_buildkits_lexer_vectors_as_docker_does(int row)
    {
        var (word, expected) = Vector(Rows[row]);

        Assert.Equal(expected ?? "refused", Substitute(word));
    }

    [Theory]
    [MemberData(nameof(WindowsVectors))]
    public void A_windows_only_vector_gives_the_linux_result_as_the_readme_says(int row)
    {
        var (word, windows) = Vector(Rows[row]["windows: ".Length..]);
        var linux = Rows.Select(r => r.StartsWith('"') ? Vector(r) : default).Single(v => v.Word == word).Result;

        Assert.NotEqual(windows, linux);
        Assert.Equal(linux, Substitute(word));
        Assert.Contains(ParsingReadme.TableRows, r => r.Contains("variable names ignore case", StringComparison.Ordinal));
    }

    [Fact]
    public void The_vectors_are_all_there() =>
        Assert.Equal((228, 2), (Vectors.Count, WindowsVectors.Count));

    private static (string Word, string? Result) Vector(string row)
    {
        var arrow = row.IndexOf(" => ", StringComparison.Ordinal);
        var result = row[(arrow + 4)..];
        return (JsonSerializer.Deserialize<string>(row[..arrow])!, result == "refused" ? null : JsonSerializer.Deserialize<string>(result));
    }

    // A legacy ENV takes the rest of the line as one word; a word ending in the escape would continue the
    // line, so that one goes through a JSON VOLUME, whose paths docker substitutes too.
    private static string Substitute(string word)
    {
        try
        {
            if (word.EndsWith('\\'))
                return Dockerfile.Parse($"FROM scratch\n{Variables}\nVOLUME {JsonSerializer.Serialize(new[] { "/" + word })}\n").Volumes.Single()[1..];
            return Dockerfile.Parse($"FROM scratch\n{Variables}\nENV R {word}\n").Env.Single(e => e.Key == "R").Value;
        }
        catch (DockerfileException)
        {
            return "refused";
        }
    }
}
