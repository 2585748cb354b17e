using System.Text.Json;
using Nap.UnitGen.Parsing;

namespace Nap.UnitGen.Tests.Parsing;

/// <summary>
/// Differential check against the real engine's classic builder: each corpus Dockerfile, reduced to the
/// instructions that only change the image config (on scratch, without RUN/COPY/ADD), is built by
/// docker and its inspected config compared with what the parser resolves.
/// </summary>
[Trait("Category", "Docker")]
public partial class DockerAgreementSpecs
{
    // Windows paths need a Windows daemon; the engine here (20.10) predates HEALTHCHECK --start-interval.
    private static readonly HashSet<string> Skipped = ["windows-escape", "healthcheck-exec"];

    public static TheoryData<string> Files => new(CorpusFiles.Names.Where(n => !Skipped.Contains(n)));

    [Theory]
    [MemberData(nameof(Files))]
    public void Docker_resolves_the_image_config_like_the_parser(string name) =>
        AssertAgreement(name, Reduce(CorpusFiles.Read(name)));

    public static TheoryData<string, string> Rules => new()
    {
        { "substitution", "FROM scratch\nENV SET=value EMPTY=\"\"\nLABEL a=${UNSET:-d} b=${EMPTY:-d} d=${SET:+x} e=${EMPTY:+x} g=\\$SET h='$SET' i=\"$SET\" j=\"\\$SET\" k=$ l=100% m=${UNSET:-${SET}}\n" },
        { "env-order", "FROM scratch\nENV abc=hello\nENV abc=bye def=$abc\nENV ghi=$abc\nENV legacy one  two\n" },
        { "arg-scope", "ARG V=1\nFROM scratch AS one\nARG X=1\nENV BEFORE=[$V] X=$X\nARG V\nENV AFTER=[$V]\nFROM one\nENV IN_TWO=[$X]\nENV X=env\nARG X=arg\nWORKDIR /$X\n" },
        { "entrypoint-resets-cmd", "FROM scratch AS base\nCMD [\"--serve\"]\nFROM base\nENTRYPOINT [\"app\"]\n" },
        { "entrypoint-keeps-own-cmd", "FROM scratch\nCMD [\"--serve\"]\nENTRYPOINT [\"app\"]\n" },
        { "shell-form", "FROM scratch\nSHELL [\"/bin/bash\", \"-c\"]\nENTRYPOINT exec app\nCMD run\n" },
        { "workdir", "FROM scratch\nWORKDIR a\nWORKDIR b/../c/\nENV D=d\nWORKDIR $D\n" },
        { "continuations", "FROM scratch\nLABEL a=1 \\\n# comment inside\n\n      b=2\nEXPOSE 80 \\\n  53/udp 8000-8002\n" },
        { "expose-variable", "FROM scratch\nARG PORTS=\"80 443/tcp\"\nEXPOSE $PORTS\nVOLUME [\"/a b\", \"/c\"]\nVOLUME /d /e\n" },
        { "healthcheck-options", "FROM scratch\nHEALTHCHECK --interval=1m30s --timeout=500ms --retries=2 CMD curl -f http://x/ || exit 1\n" },
        { "onbuild-stage", "FROM scratch AS base\nONBUILD ENV X=1\nONBUILD LABEL l=$X\nFROM base\nENV Y=$X\n" },
        { "escape-backtick", "# escape=`\nFROM scratch\nENV A=1\nLABEL x=`$A y=$A z=c:\\dir `\n  w=2\n" },
        { "indented-directive", "   # escape=`\nFROM scratch\nENV A=x `\n  B=y\nLABEL c=c:\\dir\n" },
        { "escaped-escape-ends-the-line", "# escape=`\nFROM scratch\nENV C=trailing``\nENV D=x `\n  E=y\n" },
    };

    // ${V-d} and ${V+x} (no colon) are left out: buildkit has them, the 20.10 classic builder does not.
    [Theory]
    [MemberData(nameof(Rules))]
    public void Docker_agrees_on_the_rules(string name, string dockerfile) => AssertAgreement(name, dockerfile);

    private static void AssertAgreement(string name, string reduced)
    {
        var expected = Dockerfile.Parse(reduced);
        var actual = BuildAndInspect(name, reduced);

        Assert.Equal(expected.Cmd, Strings(actual, "Cmd"));
        Assert.Equal(expected.Entrypoint, Strings(actual, "Entrypoint"));
        Assert.Equal(expected.WorkDir ?? "", Text(actual, "WorkingDir"));
        Assert.Equal(expected.User ?? "", Text(actual, "User"));
        Assert.Equal(expected.StopSignal ?? "", Text(actual, "StopSignal"));
        Assert.Equal(expected.Ports.Select(p => p.ToString()).Order(), Keys(actual, "ExposedPorts").Order());
        Assert.Equal(expected.Volumes.Order(), Keys(actual, "Volumes").Order());
        // nap deliberately turns MAINTAINER into the label docker's docs recommend; docker keeps it as Author.
        var maintainer = DockerfileParser.Parse(reduced).Instructions.Any(i => i.Name == InstructionNames.Maintainer);
        var labels = expected.Labels.Where(l => !(maintainer && l.Key == "maintainer"));
        Assert.Equal(labels.Select(l => $"{l.Key}={l.Value}").Order(), Map(actual, "Labels").Order());
        Assert.Equal(expected.OnBuild, Strings(actual, "OnBuild"));
        var env = Strings(actual, "Env").Where(e => expected.Env.Any(x => e.StartsWith(x.Key + "=", StringComparison.Ordinal)));
        Assert.Equal(expected.Env.Select(e => $"{e.Key}={e.Value}").Order(), env.Order());
        var test = expected.HealthCheck is { IsDisabled: true } ? ["NONE"] : expected.HealthCheck?.Test ?? [];
        Assert.Equal(test, actual.TryGetProperty("Healthcheck", out var h) && h.ValueKind == JsonValueKind.Object ? Strings(h, "Test") : []);
    }
}
