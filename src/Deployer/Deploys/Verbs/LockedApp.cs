using Nap.Deployer.Access;
using Nap.Deployer.State;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Deploys.Verbs;

/// <summary>The app, checked by the gate and held by its deploy lock; dispose to let the next one in.</summary>
public sealed record LockedApp(AppState App, AppLease Lease) : IDisposable
{
    public void Dispose() => Lease.Dispose();
}

/// <summary>What every verb that changes an app starts with.</summary>
public sealed class AppDoor(AppGate gate, AppLocks locks, AppStateStore store)
{
    /// <returns>null after telling the client why (exit 1).</returns>
    public async Task<LockedApp?> OpenAsync(VerbContext context, CancellationToken ct, AppGate.Need need = AppGate.Need.Use)
    {
        if (await gate.OpenAsync(context, ct, need) is not { } checkedApp)
            return null;
        var lease = await locks.AcquireAsync(checkedApp.Name, context.Caller.Key, context.Reply, AppLocks.DefaultWait, ct);
        if (lease is null)
            return null;
        // Read again: the deploy we waited for has changed it.
        var app = await store.ReadAsync(checkedApp.Name, ct);
        if (app is null)
        {
            lease.Dispose();
            await context.Reply.ErrAsync($"{checkedApp.Name}: no such app any more");
            return null;
        }
        return new LockedApp(app, lease);
    }

    public Task<AppState?> ReadAsync(VerbContext context, CancellationToken ct) => gate.OpenAsync(context, ct);
}
