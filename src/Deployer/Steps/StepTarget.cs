using Nap.UnitGen.Model;
using Nap.UnitGen.Rendering;

namespace Nap.Deployer.Steps;

/// <summary>
/// Where a release's steps run: its image, and the run unit's options for it (the app's env file, volumes, limits,
/// network), so a step's container gets exactly the run unit's flags (<see cref="StepRun"/>).
/// </summary>
public sealed record StepTarget(string App, int Release, ImageConfig Image, UnitOptions Run)
{
    /// <summary>nap-APP-N.step: '.' is in no app name and no release's instance, so it meets no other container.</summary>
    public string Container => ContainerOf(App, Release);

    public static string ContainerOf(string app, int release) => $"nap-{app}-{release}.step";
}
