using Nap.Deployer.State;

namespace Nap.Deployer.Apps;

/// <summary>
/// One app's line in `apps`. The core answers from app.json (<see cref="RecordedSummaries"/>); the deploy
/// pipeline may register its own (with live unit state) in AddDeploys, which then wins.
/// Must be cheap: `apps --json` with 50 apps is benchmarked.
/// </summary>
public interface IAppSummaries
{
    Task<AppSummary> SummarizeAsync(AppState app, CancellationToken ct);
}

/// <param name="State">e.g. "new" (never deployed), "deployed", "stopped", "failed"; the deploy pipeline may say "running" and the like.</param>
public sealed record AppSummary(string Name, string State, int? Release, string? Revision, string? Url);
