using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>
/// The grants of an app across its environments: a key granted without --env sits in the app's own Access, one granted
/// production alone in its ProductionAccess, one granted another environment alone in that environment's Access.
/// Listing and removal look at all of them, so no grant is left behind.
/// </summary>
public sealed class AccessGrants(AppStateStore store, EnvironmentSlots environments)
{
    /// <summary>Every granted key of <paramref name="app"/> (the app itself, production) with its environments, in grant order.</summary>
    public async Task<IReadOnlyList<KeyGrant>> OfAsync(AppState app, CancellationToken ct)
    {
        var all = await environments.AllAsync(app, ct);
        var names = all.Select(s => AppSlot.EnvOf(s.Name)).ToArray();
        var keys = app.Access.Concat(app.ProductionAccess).Concat(all.Skip(1).SelectMany(s => s.Access)).Distinct().Where(k => k != app.Owner);
        return [.. keys.Select(key => app.Access.Contains(key)
            ? new KeyGrant(key, true, names)
            : new KeyGrant(key, false, [.. all.Where(s => AccessPolicy.GrantedAlone(app, s, key)).Select(s => AppSlot.EnvOf(s.Name))]))];
    }

    /// <summary>Takes <paramref name="key"/>'s grants away: from every environment when <paramref name="env"/> is null, else from that one.</summary>
    /// <returns>Whether it had a grant there.</returns>
    public async Task<bool> RemoveAsync(AppState app, string key, string? env, CancellationToken ct)
    {
        var removed = false;
        foreach (var slot in await environments.AllAsync(app, ct))
        {
            if (env is not null && AppSlot.EnvOf(slot.Name) != env || !slot.Access.Contains(key) && !AccessPolicy.GrantedAlone(app, slot, key))
                continue;
            await store.UpdateAsync(slot.Name, s => s.WithoutGrant(key), ct);
            removed = true;
        }
        return removed;
    }
}
