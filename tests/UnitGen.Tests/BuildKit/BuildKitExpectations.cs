using System.Text.Json;
using System.Text.Json.Nodes;
using Nap.UnitGen.Model;
using Nap.UnitGen.Parsing;

namespace Nap.UnitGen.Tests.BuildKit;

/// <summary>
/// Checks a case's expectations against what nap makes of its Dockerfile. Parser keys: `lines`
/// (instructions with their first-last lines), `run N` (RUN's text), `heredocs N`. Keys of the last
/// stage's config and steps: see <see cref="ModelValue"/>. `error N: TEXT`: nap refuses the file at
/// line N with TEXT in its message. `differs: TEXT`: a deliberate difference the parsing README lists.
/// </summary>
static partial class BuildKitExpectations
{
    public static void Check(BuildKitCase @case)
    {
        var (document, stages, error) = Read(@case.Text);
        Assert.Contains(@case.Expectations, e => e.Key != "input");

        foreach (var (key, value) in @case.Expectations)
        {
            var (name, line) = SplitKey(key);
            switch (name)
            {
                case "input" or "docker":
                    break;
                case "error":
                    Assert.True(error is not null, $"nap accepts the file; buildkit refuses it at line {line}");
                    Assert.Equal(line, error.Line);
                    Assert.Contains(value, error.Detail, StringComparison.Ordinal);
                    break;
                case "differs":
                    Assert.Contains(ParsingReadme.TableRows, row => row.Contains(value, StringComparison.Ordinal));
                    break;
                case "lines":
                    Assert.Equal(value, Lines(document ?? throw Refused(error)));
                    break;
                case "run":
                    var run = At(document ?? throw Refused(error), line);
                    Assert.Equal((InstructionNames.Run, JsonSerializer.Deserialize<string>(value)), (run.Name, run.Arguments));
                    break;
                case "heredocs":
                    var expected = JsonSerializer.Deserialize<List<Heredoc>>(value)!;
                    Assert.Equal(expected, At(document ?? throw Refused(error), line).Heredocs);
                    break;
                default:
                    AssertJson(value, ModelValue(name, stages ?? throw Refused(error)));
                    break;
            }
        }
    }

    private static (DockerfileDocument?, IReadOnlyList<BuildStage>?, DockerfileException?) Read(string text)
    {
        DockerfileDocument? document = null;
        try
        {
            document = DockerfileParser.Parse(text);
            return (document, Dockerfile.ParseStages(text), null);
        }
        catch (DockerfileException e)
        {
            return (document, null, e);
        }
    }

    private static (string Name, int Line) SplitKey(string key)
    {
        var blank = key.IndexOf(' ');
        return blank < 0 ? (key, 0) : (key[..blank], int.Parse(key[(blank + 1)..]));
    }

    private static string Lines(DockerfileDocument document) =>
        string.Join(", ", document.Instructions.Select(i => i.EndLine > i.Line ? $"{i.Name} {i.Line}-{i.EndLine}" : $"{i.Name} {i.Line}"));

    private static Instruction At(DockerfileDocument document, int line) =>
        document.Instructions.SingleOrDefault(i => i.Line == line) ?? throw new Xunit.Sdk.XunitException($"no instruction starts at line {line}");

    private static Exception Refused(DockerfileException? error) =>
        new Xunit.Sdk.XunitException($"nap refuses the file where buildkit reads it: {error?.Message}");

    private static void AssertJson(string expected, object? actual)
    {
        var node = JsonSerializer.SerializeToNode(actual, Readable);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), node), $"expected {expected}\nactual   {node?.ToJsonString(Readable) ?? "null"}");
    }

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
