using Nap.UnitGen.Model;

namespace Nap.UnitGen.Isolation;

/// <summary>
/// What a build of one app may name, on a host where every app builds in one engine: base images and its own
/// stages, never another app's release images (nap/OTHER). A `# syntax=` frontend would decide all of it instead:
/// napd refuses those before this runs (Builds/Frontends: only what the admin lists in buildFrontends passes).
/// </summary>
public static class BuildBoundary
{
    /// <summary>The repository namespace of nap's release images: nap/APP.</summary>
    public const string Namespace = "nap";

    /// <summary>
    /// The Dockerfile of the app <paramref name="app"/>, parsed like <see cref="Dockerfile.ParseStages"/>. Throws
    /// <see cref="DockerfileException"/> for the first reference the app may not make, in one line naming the
    /// instruction, what it names and what to do instead.
    /// </summary>
    public static IReadOnlyList<BuildStage> Parse(string text, string app)
    {
        var stages = Dockerfile.ParseStages(text);
        foreach (var reference in stages.SelectMany(s => s.References))
            if (reference.Readings.FirstOrDefault(r => IsAnotherApps(r, app)) is { } reading)
                throw new DockerfileException(reference.Line, reference.Instruction, Refusal(reference, reading));
        return stages;
    }

    /// <summary>True for an image of nap's namespace that is not <paramref name="app"/>'s own (nap/APP, any tag).</summary>
    public static bool IsAnotherApps(string reference, string app) =>
        DockerReference.HubPath(reference) is { } path
        && path.StartsWith(Namespace + "/", StringComparison.Ordinal)
        && path != $"{Namespace}/{app}";

    static string Refusal(ImageReference reference, string reading)
    {
        var named = reference.Flag switch
        {
            "" => reference.Written,
            "--mount from" => $"--mount from={reference.Written}",
            var flag => $"{flag}={reference.Written}",
        };
        if (reading != reference.Written)
            named += $" ({reading})";
        return $"{named} names another app's image; a build sees only base images and its own stages: use a base image or a stage of this Dockerfile";
    }
}
