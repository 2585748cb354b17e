namespace Nap.Deployer.Apps;

/// <summary>
/// What napd knows of one app: /var/lib/nap/apps/APP/app.json. Read and written by
/// <see cref="AppStateStore"/>; change it with the With* copies inside <see cref="AppStateStore.UpdateAsync"/>.
/// </summary>
public sealed partial record AppState(string Name, string Owner, DateTimeOffset Created)
{
    public static readonly string[] DefaultDeployBranches = ["master", "main"];

    /// <summary>
    /// Keys granted access besides the owner (admins reach every app anyway). On the app itself: every environment,
    /// those added later too (access:add APP KEY); on an environment's slot: that environment alone (--env ENV).
    /// </summary>
    public IReadOnlyList<string> Access { get; init; } = [];

    /// <summary>On the app itself: keys granted production alone (access:add APP KEY --env production), since its <see cref="Access"/> means every environment.</summary>
    public IReadOnlyList<string> ProductionAccess { get; init; } = [];

    /// <summary>The branch whose pushes deploy; null means master or main.</summary>
    public string? DeployBranch { get; init; }

    /// <summary>The app's stable public port (nginx listens there); null until the first deploy.</summary>
    public int? AppPort { get; init; }

    public IReadOnlyList<string> Domains { get; init; } = [];

    public IReadOnlyList<Release> Releases { get; init; } = [];

    /// <summary>The number of the release that serves, or null before the first successful deploy.</summary>
    public int? CurrentRelease { get; init; }

    /// <summary>Set by `stop`, cleared by `start`: a stopped app stays stopped across reboots.</summary>
    public bool Stopped { get; init; }

    /// <summary>
    /// Why napd stopped the app itself (its writes took docker's disk below the floor); null when `stop` did, and
    /// whenever the app is not stopped (<see cref="WithStopped"/>, the one writer of both, clears it).
    /// </summary>
    public string? StoppedWhy { get; init; }

    public AppResources Resources { get; init; } = AppResources.None;

    /// <summary>Set by `certs:auto`: the certificate comes from ACME and renews itself; null otherwise.</summary>
    public AutoCerts? AutoCerts { get; init; }

    /// <summary>nginx's client_max_body_size for the app (e.g. "100m", `nginx:set`); null means napd.json's default.</summary>
    public string? RequestBodyLimit { get; init; }

    /// <summary>
    /// 128 random bits of this app's own (hex), made by its first build: its builds' cache namespace and a part of
    /// every build step's cache key, so no other app's build, nor a later app of the same name, shares its caches.
    /// Null until then (apps last built before it existed get it at their next build).
    /// </summary>
    public string? BuildScope { get; init; }

    /// <summary>How many instances of the current release serve behind nginx (ps:scale); 1 unless scaled.</summary>
    public int Scale { get; init; } = 1;

    /// <summary>Set on the app (production) by `envs:review APP on`: other branches pushed deploy review environments.</summary>
    public ReviewApps? ReviewApps { get; init; }

    /// <summary>True for an environment made by a push with review apps on (<see cref="ReviewApps"/>): removed with its branch or its ttl.</summary>
    public bool Review { get; init; }

    /// <summary>When its branch was last pushed (review environments: the ttl counts from it).</summary>
    public DateTimeOffset? LastPush { get; init; }

    public Release? Current => Releases.FirstOrDefault(r => r.Number == CurrentRelease);

    public int NextReleaseNumber => Releases.Count == 0 ? 1 : Releases.Max(r => r.Number) + 1;

    public Release? FindRelease(int number) => Releases.FirstOrDefault(r => r.Number == number);

    /// <summary>True for the refs whose pushes deploy: refs/heads/DEPLOYBRANCH (default master or main).</summary>
    public bool IsDeployRef(string refName) =>
        refName.StartsWith("refs/heads/", StringComparison.Ordinal)
        && (DeployBranch is { } branch ? [branch] : DefaultDeployBranches).Contains(refName["refs/heads/".Length..]);
}
