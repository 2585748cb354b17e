using Nap.UnitGen.Isolation;

namespace Nap.UnitGen.Tests.Isolation;

/// <summary>
/// Each refused case of <see cref="BoundaryCases"/>, built by the machine's engine with BuildKit (as nap's build
/// unit builds) against a real other app's image: the ones marked as read do hand its secret to the build (or run
/// it as the frontend), so the refusal closes a real path; the others do not read it here and are refused anyway.
/// </summary>
[Trait("Category", "Docker")]
public sealed class BuildBoundaryEngineSpecs(VictimImages images) : IClassFixture<VictimImages>
{
    [Theory]
    [MemberData(nameof(BoundaryCases.RefusedNames), MemberType = typeof(BoundaryCases))]
    public void What_nap_refuses_is_a_way_docker_reads_another_apps_image_where_marked(string name)
    {
        var refused = BoundaryCases.Named(name);
        var dockerfile = refused.With(images.Victim, images.Base);

        Assert.Throws<DockerfileException>(() => BuildBoundary.Parse(dockerfile, BoundaryCases.App));
        var (read, output) = Build(dockerfile);
        Assert.True(read == refused.EngineReads, $"docker {(read ? "read" : "did not read")} the victim:\n{dockerfile}\n{output}");
    }

    /// <summary>Builds into a folder (-o type=local): whether the result holds the victim's secret or ran it as the frontend.</summary>
    (bool Read, string Output) Build(string dockerfile)
    {
        var context = Directory.CreateTempSubdirectory("nap-boundary-");
        var output = Directory.CreateTempSubdirectory("nap-boundary-out-");
        try
        {
            File.WriteAllText(Path.Combine(context.FullName, "Dockerfile"), dockerfile);
            var (_, stdout, stderr) = VictimImages.Docker.Run(["build", "--progress=plain", "--no-cache", "-o", $"type=local,dest={output.FullName}", context.FullName]);
            var text = stdout + stderr;
            // A frontend image runs as the build's gateway; this one exits at once, which buildkit reports so.
            var ranAsFrontend = text.Contains($"docker-image://docker.io/{images.Victim}:1", StringComparison.Ordinal)
                && text.Contains("frontend gateway.v0: exit code", StringComparison.Ordinal);
            var holdsSecret = output.EnumerateFiles("*", SearchOption.AllDirectories)
                .Any(f => f.Length < 4096 && File.ReadAllText(f.FullName).Contains(images.Secret, StringComparison.Ordinal));
            return (ranAsFrontend || holdsSecret, text);
        }
        finally
        {
            context.Delete(recursive: true);
            output.Delete(recursive: true);
        }
    }
}
