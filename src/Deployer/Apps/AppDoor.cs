using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>The app, checked by the gate and held by its deploy lock; dispose to let the next one in.</summary>
public sealed record LockedApp(AppState App, AppLease Lease) : IDisposable
{
    public void Dispose() => Lease.Dispose();
}

/// <summary>What every verb that reads or changes an app starts with.</summary>
public sealed class AppDoor(AppGate gate, AppLocks locks, AppStateStore store)
{
    /// <returns>null after telling the client why (exit 1).</returns>
    public async Task<LockedApp?> OpenAsync(VerbContext context, CancellationToken ct, AppGate.Need need = AppGate.Need.Use)
    {
        if (await gate.OpenAsync(context, ct, need) is not { } checkedApp)
            return null;
        var (name, key) = (checkedApp.Name, context.Caller.Key);
        var lease = await locks.TryAcquireAsync(name, key, ct);
        if (lease is null)
        {
            // A second pusher must know why nothing happens, and for whom.
            await context.Reply.OutAsync(RemoteLines.Step($"waiting for the {AppLocks.Describe(name, locks.Holder(name))}"));
            lease = await locks.AcquireAsync(name, key, AppLocks.DefaultWait, ct);
            if (lease is null)
            {
                await context.Reply.ErrAsync(RemoteLines.Step($"gave up after {AppLocks.DefaultWait.TotalSeconds:0} s: the {AppLocks.Describe(name, locks.Holder(name))} is still running; push again later"));
                return null;
            }
        }
        // Read again: the deploy we waited for has changed it.
        var app = await store.ReadAsync(name, ct);
        if (app is null)
        {
            lease.Dispose();
            await context.Reply.ErrAsync($"{name}: no such app any more");
            return null;
        }
        return new LockedApp(app, lease);
    }

    /// <summary>For verbs that only read: the gate's check, no lock.</summary>
    public Task<AppState?> ReadAsync(VerbContext context, CancellationToken ct, AppGate.Need need = AppGate.Need.Use) => gate.OpenAsync(context, ct, need);
}
