using Nap.Deployer.Health;

namespace Nap.Deployer.Steps;

/// <summary>
/// What nap reads of the pushed app.json (Heroku's file, which Dokku reads too): the steps that run between the build
/// and the switch (nap's `steps`, then `scripts.predeploy`), and `scripts.postdeploy`, after the switch; and the
/// startup checks each instance passes before it takes traffic (Dokku's `healthchecks.web`).
/// </summary>
public sealed record AppManifest(IReadOnlyList<PipelineStep> BeforeSwitch, PipelineStep? AfterSwitch)
{
    public IReadOnlyList<StartupCheck> Checks { get; init; } = [];

    public const string FileName = "app.json";

    /// <summary>No app.json, or one without steps or checks: the deploy runs as it always did.</summary>
    public static readonly AppManifest None = new([], null);

    public bool IsEmpty => BeforeSwitch.Count == 0 && AfterSwitch is null && Checks.Count == 0;
}
