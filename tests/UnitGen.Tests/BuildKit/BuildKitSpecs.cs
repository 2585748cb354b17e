using Nap.UnitGen.Parsing;

namespace Nap.UnitGen.Tests.BuildKit;

/// <summary>
/// The differential suite: buildkit's own parser test material, rewritten as nap's cases (*.cases here),
/// each either read as buildkit reads it or a difference the parsing README lists on purpose.
/// </summary>
public class BuildKitSpecs
{
    /// <summary>The buildkit commit whose test material the cases were written from.</summary>
    private const string Commit = "73ed6825c4b7569379ef89df0aedcdbe64473d31";

    // frontend/dockerfile/parser/testfiles at that commit: each directory is a case of testfiles.cases.
    private static readonly string[] Testfiles =
    [
        "ADD-COPY-with-JSON", "args", "brimstone-consuldock", "brimstone-docker-consul", "continue-at-eof", "continueIndent",
        "cpuguy83-nagios", "docker", "env", "escape-after-comment", "escape-nonewline", "escape-with-syntax", "escape", "escapes",
        "flags", "health", "influxdb", "jeztah-invalid-json-json-inside-string-double", "jeztah-invalid-json-json-inside-string",
        "jeztah-invalid-json-single-quotes", "jeztah-invalid-json-unterminated-bracket", "jeztah-invalid-json-unterminated-string",
        "json", "kartar-entrypoint-oddities", "lk4d4-the-edge-case-generator", "mail", "multiple-volumes", "mumble", "nginx", "tf2",
        "trailing-backslash", "weechat", "znc",
    ];

    private static readonly string[] NegativeTestfiles = ["empty_dockerfile", "env_no_value", "only_comments", "shykes-nested-json"];

    public static TheoryData<string> Cases => new(BuildKitCase.All.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Nap_reads_each_buildkit_case_as_buildkit_does_or_as_the_readme_says(string id) =>
        BuildKitExpectations.Check(BuildKitCase.Find(id));

    // instructions/parse_test.go TestNilLinter: every instruction with each of these arguments.
    public static TheoryData<string, string> LintedLines()
    {
        var lines = new TheoryData<string, string>();
        foreach (var name in InstructionNames.All)
            foreach (var arguments in new[] { " foo=bar", " a", " a b", " a b c", " 0 0" })
                lines.Add(name, arguments);
        return lines;
    }

    [Theory]
    [MemberData(nameof(LintedLines))]
    public void No_instruction_breaks_the_parser_whatever_its_arguments(string name, string arguments)
    {
        var error = Record.Exception(() => Dockerfile.Parse($"FROM local/busybox:latest\n{name}{arguments}\n"));

        Assert.True(error is null or DockerfileException, error?.ToString());
    }

    [Fact]
    public void Every_buildkit_parser_testfile_has_a_case()
    {
        Assert.Equal(Testfiles.Order(), BuildKitCase.Load("testfiles.cases").Select(c => c.Name).Where(Testfiles.Contains).Distinct().Order());
        Assert.Equal(NegativeTestfiles.Order(), BuildKitCase.Load("testfiles-negative.cases").Select(c => c.Name).Distinct().Order());
    }

    [Fact]
    public void Every_case_file_names_the_buildkit_commit_it_was_written_from() =>
        Assert.All(BuildKitCase.Files.Append("envVarTest.cases"), file => Assert.Contains(Commit, File.ReadAllText(Path.Combine(BuildKitCase.Directory, file))));
}
