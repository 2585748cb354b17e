using Nap.UnitGen.Model;

namespace Nap.Deployer.Deploys;

/// <summary>A release about to go live: its number, what it runs and where it will listen.</summary>
/// <param name="Why">What the pusher is told it is ("release", "rollback to 3", "config change", ...).</param>
public sealed record ReleasePlan(string App, int Number, string Revision, string Image, ImageConfig Config, string Why)
{
    /// <summary>The container port the template publishes on 127.0.0.1:NAP_PORT, as UnitGen picks it.</summary>
    public int WebPort => Config.Ports.FirstOrDefault(p => p.Protocol == "tcp")?.Port ?? 5000;

    public bool HasHealthCheck => Config.HealthCheck is { IsDisabled: false };

    /// <summary>The build's last lines still on their way to the pusher (<see cref="BuildLog.Outcome"/>); done for a release of a kept image.</summary>
    public Task BuildOutput { get; init; } = Task.CompletedTask;

    public ReleasePlan WithWhy(string why) => this with { Why = why };
}
