using System.Collections.Concurrent;
using System.Globalization;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.State;

/// <summary>
/// One deploy (or rollback, restart, config change, destroy) per app at a time; different apps run in
/// parallel. A waiter is told who holds the app, so a second pusher knows why nothing happens.
/// </summary>
public sealed class AppLocks(TimeProvider clock)
{
    /// <summary>How long a second push waits for the first; a build can take minutes.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(15);

    readonly ConcurrentDictionary<string, Slot> slots = new(StringComparer.Ordinal);

    /// <summary>
    /// The app's lease, or null after telling the client that the wait timed out.
    /// Dispose the lease to let the next one in. Throws OperationCanceledException when <paramref name="ct"/> fires.
    /// </summary>
    public async Task<AppLease?> AcquireAsync(string app, string key, IReplyWriter reply, TimeSpan wait, CancellationToken ct)
    {
        var slot = slots.GetOrAdd(app, _ => new Slot());
        if (!await TryEnterAsync(slot, ct))
        {
            await reply.OutAsync($"-----> waiting for the {Describe(app, slot.Holder)}");
            if (!await slot.Gate.WaitAsync(wait, ct))
            {
                await reply.ErrAsync($"-----> gave up after {wait.TotalSeconds:0} s: the {Describe(app, slot.Holder)} is still running; push again later");
                return null;
            }
        }

        var lease = new AppLease(app, key, clock.GetUtcNow(), slot);
        slot.Holder = lease;
        return lease;
    }

    /// <summary>Who holds the app now, if anyone (for `status`).</summary>
    public AppLease? Holder(string app) => slots.TryGetValue(app, out var slot) ? slot.Holder : null;

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

    static string Describe(string app, AppLease? holder) =>
        holder is null
            ? $"deploy of {app}"
            : $"deploy of {app} started by {holder.Key} at {holder.Since.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}";

    internal sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public volatile AppLease? Holder;
    }
}
