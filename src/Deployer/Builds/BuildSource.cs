using Nap.Deployer.Repos;
using Nap.Deployer.Settings;
using Nap.UnitGen;
using Nap.UnitGen.Isolation;
using Nap.UnitGen.Model;
using Nap.UnitGen.RemoteAdds;

namespace Nap.Deployer.Builds;

/// <summary>
/// A release's Dockerfile as napd builds it: its text and stages (the last one is what runs), and the ADDs of URLs
/// napd fetches for the engine. Reading it checks what the pushed file may ask of the host: its frontend, its RUN
/// flags (the parser), its remote sources.
/// </summary>
public sealed record BuildSource(string Text, IReadOnlyList<BuildStage> Stages, IReadOnlyList<RemoteAdd> RemoteAdds, string ContextDir, string BuildDir)
{
    public ImageConfig Config => Stages[^1].Config;

    /// <summary>
    /// The Dockerfile the engine reads: the pushed one, or, when napd stands in for ADD URLs, the rewritten one beside
    /// the release, outside the context (an app's COPY . never copies it).
    /// </summary>
    public string? EngineDockerfile => RemoteAdds.Count == 0 ? null : Path.Combine(BuildDir, "Dockerfile");

    /// <summary>The BuildKit source policy the build unit hands to buildx (<see cref="SourcePolicy"/>).</summary>
    public string SourcePolicyFile => Path.Combine(BuildDir, "source-policy.json");

    /// <summary>
    /// Reads src/Dockerfile of <paramref name="app"/>, keeping a copy beside src/ so later releases of the same image
    /// need no checkout. It may name base images and its own stages, not another app's images.
    /// </summary>
    public static BuildSource Read(string app, string src, string releaseDir, NapdConfig settings)
    {
        string? text;
        try
        {
            text = SourceFiles.ReadText(src, "Dockerfile", settings.Limits.DockerfileBytes);
        }
        catch (InvalidDataException e)
        {
            throw new DeployFailedException(e.Message);
        }
        if (text is null)
            throw new DeployFailedException("no Dockerfile at the top of the pushed revision: nap builds what a Dockerfile describes");
        File.WriteAllText(Path.Combine(releaseDir, "Dockerfile"), text);
        Frontends.Check(text, settings.BuildFrontends);
        try
        {
            // Another app's images are refused here (BuildBoundary), after the frontend check above.
            var stages = BuildBoundary.Parse(text, app);
            return new BuildSource(text, stages, RemoteAddFinder.Find(stages), src, Path.Combine(releaseDir, "build"));
        }
        catch (DockerfileException e)
        {
            throw new DeployFailedException(e.Message);
        }
    }
}
