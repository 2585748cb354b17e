using Nap.Deployer.Health;
using Nap.UnitGen.Model;

namespace Nap.Deployer.Releases;

/// <summary>A release about to go live: its number, what it runs and where it will listen.</summary>
/// <param name="Why">What the pusher is told it is ("release", "rollback to 3", "config change", ...).</param>
public sealed record ReleasePlan(string App, int Number, string Revision, string Image, ImageConfig Config, string Why)
{
    public bool HasHealthCheck => Config.HealthCheck is { IsDisabled: false };

    /// <summary>app.json's startup checks: the pushed file's for a build, the release's own for a reused image.</summary>
    public IReadOnlyList<StartupCheck> Checks { get; init; } = [];

    public HealthGate Gate => new(HasHealthCheck, Checks);

    public ReleasePlan WithChecks(IReadOnlyList<StartupCheck> checks) => this with { Checks = checks };

    /// <summary>The build's last lines still on their way to the pusher (<see cref="Builds.Builder.Build.Output"/>); done for a release of a kept image.</summary>
    public Task BuildOutput { get; init; } = Task.CompletedTask;

    /// <summary>The image's dated tag (YYYYMMDD-HHMMSS-REV7), recorded on the release; null for an image from before dated tags.</summary>
    public string? Tag { get; init; }

    public ReleasePlan WithTag(string? tag) => this with { Tag = tag };

    /// <summary>Recorded with the release: where its image came from (a promotion), or null.</summary>
    public string? Note { get; init; }

    public ReleasePlan WithWhy(string why) => this with { Why = why };

    public ReleasePlan WithBuildOutput(Task output) => this with { BuildOutput = output };
}
