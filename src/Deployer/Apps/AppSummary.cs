using Nap.Deployer.Settings;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>One app's line in `apps`, from app.json alone: what napd last recorded, without asking systemd (fast with 50 apps).</summary>
/// <param name="State">"new" (never deployed), "deployed", "stopped" or "failed" (no release ever went live).</param>
/// <param name="Name">The app's name; an environment's line carries its app's name and <see cref="Environment"/>.</param>
public sealed record AppSummary(string Name, string State, int? Release, string? Revision, string? Url)
{
    public string Environment { get; init; } = EnvName.Production;

    /// <summary>The branch whose pushes deploy it.</summary>
    public string Branch { get; init; } = "master";

    /// <summary>Where a person opens it: http://ENV.APP.BASE/ with a base domain, else the url.</summary>
    public string? Address { get; init; }

    public static AppSummary Of(AppState app, NapdConfig config)
    {
        var current = app.Current;
        var state = current is null
            ? app.Releases.Count == 0 ? "new" : "failed"
            : app.Stopped ? "stopped" : "deployed";
        var url = app.AppPort is { } port ? config.Url(port) : null;
        return new AppSummary(AppSlot.AppOf(app.Name), state, current?.Number, current?.Revision, url)
        {
            Environment = AppSlot.EnvOf(app.Name),
            Branch = app.DeployBranch ?? string.Join(" or ", AppState.DefaultDeployBranches),
            Address = config.BaseDomain is { } baseDomain && url is not null ? $"http://{AppSlot.Host(app.Name)}.{baseDomain}/" : url,
        };
    }
}
