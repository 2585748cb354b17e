using Nap.UnitGen.Isolation;
using Nap.UnitGen.Tests.Parsing;

namespace Nap.UnitGen.Tests.Isolation;

public class BuildBoundarySpecs
{
    const string Victim = "nap/victim";

    [Theory]
    [MemberData(nameof(BoundaryCases.RefusedNames), MemberType = typeof(BoundaryCases))]
    public void A_reference_to_another_apps_image_is_refused_with_its_line(string name)
    {
        var refused = BoundaryCases.Named(name);

        var error = Assert.Throws<DockerfileException>(() => BuildBoundary.Parse(refused.With(Victim, "local/busybox:latest"), BoundaryCases.App));

        Assert.Equal((refused.Line, refused.Instruction), (error.Line, error.Instruction));
        Assert.Contains(refused.NamesWith(Victim), error.Message);
        Assert.Contains("use a base image or a stage of this Dockerfile", error.Message);
    }

    [Theory]
    [MemberData(nameof(BoundaryCases.RefusedNames), MemberType = typeof(BoundaryCases))]
    public void Only_the_boundary_refuses_them_docker_s_parser_would_build_them(string name) =>
        Assert.NotEmpty(Dockerfile.ParseStages(BoundaryCases.Named(name).With(Victim, "local/busybox:latest").TrimStart('\uFEFF')));

    [Fact]
    public void The_one_line_says_what_is_named_where_and_what_to_do_instead()
    {
        var error = Assert.Throws<DockerfileException>(() => BuildBoundary.Parse("FROM alpine\nARG IMG=nap/shop:1\nCOPY --from=$IMG /app/secret.txt .\n", "mine"));

        Assert.Equal("Dockerfile:3: COPY: --from=$IMG (nap/shop:1) names another app's image; a build sees only base images and its own stages: use a base image or a stage of this Dockerfile", error.Message);
    }

    [Theory]
    [MemberData(nameof(BoundaryCases.AllowedDockerfiles), MemberType = typeof(BoundaryCases))]
    public void Base_images_its_own_stages_and_its_own_images_are_allowed(string dockerfile) =>
        Assert.NotEmpty(BuildBoundary.Parse(dockerfile, BoundaryCases.App));

    [Fact]
    public void The_victim_may_name_its_own_images()
    {
        foreach (var refused in BoundaryCases.Refused.Where(c => c.Instruction is not null && c.Name != "from-upper-case"))
            Assert.NotEmpty(BuildBoundary.Parse(refused.With(Victim, "local/busybox:latest"), "victim"));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles.All), MemberType = typeof(CorpusFiles))]
    public void Every_corpus_dockerfile_stays_inside_its_own_app(string name) =>
        Assert.Equal(Dockerfile.ParseStages(CorpusFiles.Read(name)).Count, BuildBoundary.Parse(CorpusFiles.Read(name), name).Count);
}
