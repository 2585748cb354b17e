using Nap.Deployer.Settings;

namespace Nap.Deployer.Apps;

/// <summary>One app's line in `apps`, from app.json alone: what napd last recorded, without asking systemd (fast with 50 apps).</summary>
/// <param name="State">"new" (never deployed), "deployed", "stopped" or "failed" (no release ever went live).</param>
public sealed record AppSummary(string Name, string State, int? Release, string? Revision, string? Url)
{
    public static AppSummary Of(AppState app, NapdConfig config)
    {
        var current = app.Current;
        var state = current is null
            ? app.Releases.Count == 0 ? "new" : "failed"
            : app.Stopped ? "stopped" : "deployed";
        return new AppSummary(app.Name, state, current?.Number, current?.Revision, app.AppPort is { } port ? config.Url(port) : null);
    }
}
