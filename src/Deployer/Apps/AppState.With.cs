using System.Security.Cryptography;

namespace Nap.Deployer.Apps;

public sealed partial record AppState
{
    public AppState WithGrant(string key) =>
        key == Owner || Access.Contains(key) ? this : this with { Access = [.. Access, key] };

    public AppState WithProductionGrant(string key) =>
        key == Owner || ProductionAccess.Contains(key) ? this : this with { ProductionAccess = [.. ProductionAccess, key] };

    /// <summary>Without the key's grant here, whichever kind it was.</summary>
    public AppState WithoutGrant(string key) => this with { Access = [.. Access.Where(k => k != key)], ProductionAccess = [.. ProductionAccess.Where(k => k != key)] };

    public AppState WithDeployBranch(string? branch) => this with { DeployBranch = branch };

    public AppState WithReviewApps(ReviewApps? review) => this with { ReviewApps = review };

    public AppState WithLastPush(DateTimeOffset time) => this with { LastPush = time };

    public AppState WithAppPort(int? port) => this with { AppPort = port };

    public AppState WithDomains(IEnumerable<string> domains) => this with { Domains = [.. domains.Distinct()] };

    /// <summary>Adds the release, or replaces the recorded one with the same number.</summary>
    public AppState WithRelease(Release release) => this with
    {
        Releases = [.. Releases.Where(r => r.Number != release.Number).Append(release).OrderBy(r => r.Number)],
    };

    public AppState WithoutRelease(int number) => this with { Releases = [.. Releases.Where(r => r.Number != number)] };

    public AppState WithCurrentRelease(int? number) => this with { CurrentRelease = number };

    public AppState WithStopped(bool stopped, string? why = null) => this with { Stopped = stopped, StoppedWhy = stopped ? why : null };

    public AppState WithScale(int scale) => this with { Scale = scale };

    public AppState WithResources(AppResources resources) => this with { Resources = resources };

    public AppState WithAutoCerts(AutoCerts? autoCerts) => this with { AutoCerts = autoCerts };

    public AppState WithRequestBodyLimit(string? size) => this with { RequestBodyLimit = size };

    /// <summary>The app with its <see cref="BuildScope"/>, made now when it has none yet.</summary>
    public AppState WithBuildScope() =>
        BuildScope is null ? this with { BuildScope = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) } : this;
}
