using System.Collections.Concurrent;
using System.Globalization;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>
/// One deploy (or rollback, restart, config change, destroy) per app at a time; different apps run in
/// parallel. An app's environments (APP.ENV) share its lock: a push may deploy several of them, and a promotion
/// reads one while it changes another. It tells no one anything: <see cref="AppDoor"/> says who a client waits for, recovery waits quietly.
/// </summary>
public sealed class AppLocks(TimeProvider clock)
{
    /// <summary>How long a second push waits for the first; a build can take minutes.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(15);

    readonly ConcurrentDictionary<string, Slot> slots = new(StringComparer.Ordinal);

    /// <summary>The app's lease at once, or null while someone else holds it (then see <see cref="Holder"/>).</summary>
    public async Task<AppLease?> TryAcquireAsync(string app, string key, CancellationToken ct)
    {
        var slot = slots.GetOrAdd(AppSlot.AppOf(app), _ => new Slot());
        return await TryEnterAsync(slot, ct) ? Lease(app, key, slot) : null;
    }

    /// <summary>
    /// The app's lease once it is free, or null when <paramref name="wait"/> ran out first.
    /// Dispose the lease to let the next one in. Throws OperationCanceledException when <paramref name="ct"/> fires.
    /// </summary>
    public async Task<AppLease?> AcquireAsync(string app, string key, TimeSpan wait, CancellationToken ct)
    {
        var slot = slots.GetOrAdd(AppSlot.AppOf(app), _ => new Slot());
        return await TryEnterAsync(slot, ct) || await slot.Gate.WaitAsync(wait, ct) ? Lease(app, key, slot) : null;
    }

    /// <summary>Who holds the app now, if anyone.</summary>
    public AppLease? Holder(string app) => slots.TryGetValue(AppSlot.AppOf(app), out var slot) ? slot.Holder : null;

    /// <summary>What a waiter waits for, in the words a pusher reads: "deploy of shop started by alice at ...".</summary>
    public static string Describe(string app, AppLease? holder) =>
        holder is null
            ? $"deploy of {app}"
            : $"deploy of {app} started by {holder.Key} at {holder.Since.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}";

    AppLease Lease(string app, string key, Slot slot)
    {
        var lease = new AppLease(app, key, clock.GetUtcNow(), slot);
        slot.Holder = lease;
        return lease;
    }

    /// <summary>Enters at once, or returns false while someone else holds the app (with its holder recorded).</summary>
    static async Task<bool> TryEnterAsync(Slot slot, CancellationToken ct)
    {
        // The holder is recorded just after it enters: a holder-less miss is that instant, or its release; look again.
        for (var spins = 0; spins < 100; spins++)
        {
            if (await slot.Gate.WaitAsync(TimeSpan.Zero, ct))
                return true;
            if (slot.Holder is not null)
                return false;
            await Task.Delay(1, ct);
        }

        return false;
    }

    internal sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public volatile AppLease? Holder;
    }
}
