using Nap.UnitGen.Parsing;
using Nap.UnitGen.Tests.BuildKit;

namespace Nap.UnitGen.Tests.Parsing;

/// <summary>
/// The other half of agreement: what nap refuses, the engine refuses too. The cases of buildkit's test
/// material go through the engine as well: those both accept (config only, as the corpus) and those both
/// refuse (when they hold no RUN, COPY or ADD, which the classic builder would try to run first).
/// </summary>
public partial class DockerAgreementSpecs
{
    private static readonly Dictionary<string, string> Refusals = new()
    {
        ["healthcheck-1ns"] = "FROM scratch\nHEALTHCHECK --interval=1ns CMD true\n",
        ["healthcheck-999us"] = "FROM scratch\nHEALTHCHECK --timeout=999us CMD true\n",
        ["healthcheck-minus-1ns"] = "FROM scratch\nHEALTHCHECK --start-period=-1ns CMD true\n",
        ["line-over-65535-bytes"] = "FROM scratch\nLABEL a=" + new string('x', 65528) + "\n",
    };

    public static TheoryData<string> RefusalNames => new(Refusals.Keys);

    public static TheoryData<string> BuildKitAccepted => new(BuildKitCase.All.Where(c => !c.Refused && !c.Differs && Engine(c) && Configures(c)).Select(c => c.Id));

    public static TheoryData<string> BuildKitRefused => new(BuildKitCase.All.Where(c => c.Refused && !c.Differs && Engine(c) && !Builds(c)).Select(c => c.Id));

    [Theory]
    [MemberData(nameof(RefusalNames))]
    public void Docker_refuses_what_the_parser_refuses(string name) => AssertRefused(name, Refusals[name]);

    [Theory]
    [MemberData(nameof(BuildKitAccepted))]
    public void Docker_resolves_each_buildkit_case_like_the_parser(string id)
    {
        var @case = BuildKitCase.Find(id);

        AssertAgreement(Tag(@case), Reduce(@case.Text));
    }

    [Theory]
    [MemberData(nameof(BuildKitRefused))]
    public void Docker_refuses_each_buildkit_case_the_parser_refuses(string id)
    {
        var @case = BuildKitCase.Find(id);

        AssertRefused(Tag(@case), @case.Text.Replace("local/busybox:latest", "scratch", StringComparison.Ordinal));
    }

    private static void AssertRefused(string name, string dockerfile)
    {
        Assert.Throws<DockerfileException>(() => Dockerfile.Parse(dockerfile));
        var tag = ImageTag(name);
        var refusal = Build(tag, dockerfile);
        if (refusal is null)
            Run(["image", "rm", "-f", tag], dockerfile);
        Assert.True(refusal is not null, $"docker built what nap refuses:\n{dockerfile}");
    }

    // `docker: REASON` marks a case this engine (Debian's 20.10, classic builder) cannot judge.
    private static bool Engine(BuildKitCase @case) => !@case.Values("docker").Any();

    // A case of only FROM, ARG and build steps reduces to an empty image, which docker will not make.
    private static bool Configures(BuildKitCase @case) =>
        DockerfileParser.Parse(@case.Text).Instructions.Any(i => i.Name is not (InstructionNames.From or InstructionNames.Arg or InstructionNames.Run or InstructionNames.Copy or InstructionNames.Add));

    private static bool Builds(BuildKitCase @case) =>
        @case.Text.Split('\n').Any(l => l.TrimStart().Split(' ', '\t')[0].ToUpperInvariant() is "RUN" or "COPY" or "ADD");

    private static string Tag(BuildKitCase @case) => $"buildkit-{Path.GetFileNameWithoutExtension(@case.File)}-{@case.Line}".ToLowerInvariant();
}
