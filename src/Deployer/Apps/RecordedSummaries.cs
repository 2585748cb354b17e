using Nap.Deployer.Config;
using Nap.Deployer.State;

namespace Nap.Deployer.Apps;

/// <summary>Summaries from app.json alone: what napd last recorded, without asking systemd.</summary>
public sealed class RecordedSummaries(NapdConfig config) : IAppSummaries
{
    public Task<AppSummary> SummarizeAsync(AppState app, CancellationToken ct)
    {
        var current = app.Current;
        var state = current is null
            ? app.Releases.Count == 0 ? "new" : "failed"
            : app.Stopped ? "stopped" : "deployed";
        var url = app.AppPort is { } port ? config.Url(port) : null;
        return Task.FromResult(new AppSummary(app.Name, state, current?.Number, current?.Revision, url));
    }
}
