using System.Collections.Concurrent;

namespace Nap.Deployer.Repos;

/// <summary>
/// git sets a pushed ref only after the pre-receive hook (and so napd's deploy) has answered, a moment
/// after the app's lock is free. The next push of the app waits for that ref to land before it compares
/// its own OLD with the repository, so it can never deploy on top of a revision the repository lacks.
/// </summary>
public sealed class LandingRefs(RepoRevisions revisions)
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    readonly ConcurrentDictionary<string, (string Ref, string Sha, DateTime Until)> pending = new();

    public void Expect(string app, string refName, string sha) => pending[app] = (refName, sha, DateTime.UtcNow + Limit);

    /// <summary>Returns once the expected ref is set, or when git gave up on it (the limit has passed).</summary>
    public async Task SettleAsync(string app, CancellationToken ct)
    {
        if (!pending.TryRemove(app, out var landing))
            return;
        while (DateTime.UtcNow < landing.Until && revisions.RefTarget(app, landing.Ref) != landing.Sha)
            await Task.Delay(25, ct);
    }
}
