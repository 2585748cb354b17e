using System.Runtime.CompilerServices;

namespace Nap.UnitGen.Tests.BuildKit;

/// <summary>
/// One case of a *.cases file beside this one. The format:
/// <code>
/// # comments before the first case (where the cases come from)
/// === NAME: what the case shows
/// DOCKERFILE, verbatim, line 1 first
/// --- expect
/// KEY: VALUE                 one expectation a line; BuildKitExpectations says what each key checks
/// </code>
/// `input: no final newline` drops the Dockerfile's last newline; `docker: REASON` keeps the case from
/// DockerAgreementSpecs, whose engine cannot judge it.
/// </summary>
sealed record BuildKitCase(string File, int Line, string Name, string Dockerfile, IReadOnlyList<(string Key, string Value)> Expectations)
{
    public static string Directory { get; } = SourceDirectory();

    /// <summary>"file.cases:LINE NAME", which is how xunit lists a case and how <see cref="Find"/> reads it back.</summary>
    public string Id => $"{File}:{Line} {Name}";

    /// <summary>The case files beside this one that hold Dockerfile cases (envVarTest.cases is a table of words).</summary>
    public static IReadOnlyList<string> Files { get; } = ["testfiles.cases", "testfiles-negative.cases", "heredocs.cases", "instructions.cases"];

    public static IEnumerable<BuildKitCase> All => Files.SelectMany(Load);

    /// <summary>The Dockerfile as docker and nap are given it: `input: no final newline` drops the last newline.</summary>
    public string Text => Values("input").Contains("no final newline") ? Dockerfile.TrimEnd('\n') : Dockerfile;

    public IEnumerable<string> Values(string key) => Expectations.Where(e => e.Key == key).Select(e => e.Value);

    public bool Refused => Expectations.Any(e => e.Key.StartsWith("error ", StringComparison.Ordinal));

    public bool Differs => Expectations.Any(e => e.Key == "differs");

    public static IReadOnlyList<BuildKitCase> Load(string file)
    {
        var lines = System.IO.File.ReadAllText(Path.Combine(Directory, file)).Split('\n');
        var cases = new List<BuildKitCase>();
        for (var index = 0; index < lines.Length; index++)
        {
            if (!lines[index].StartsWith("=== ", StringComparison.Ordinal))
                continue;
            var start = index;
            var expect = Array.IndexOf(lines, "--- expect", start);
            var end = Array.FindIndex(lines, expect, l => l.StartsWith("=== ", StringComparison.Ordinal));
            end = end < 0 ? lines.Length : end;
            cases.Add(new BuildKitCase(
                file,
                start + 1,
                lines[start][4..].Split(':')[0],
                string.Join('\n', lines[(start + 1)..expect]) + "\n",
                lines[(expect + 1)..end].Where(l => l.Length > 0 && !l.StartsWith('#')).Select(Expectation).ToList()));
            index = end - 1;
        }
        return cases;
    }

    public static BuildKitCase Find(string id)
    {
        var file = id[..id.IndexOf(':')];
        var line = int.Parse(id[(file.Length + 1)..id.IndexOf(' ')]);
        return Load(file).Single(c => c.Line == line);
    }

    private static (string, string) Expectation(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? throw new FormatException($"an expectation is KEY: VALUE, not {line}") : (line[..colon], line[(colon + 2)..]);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
