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
        if (!await slot.Gate.WaitAsync(TimeSpan.Zero, ct))
        {
            var holder = slot.Holder;
            await reply.OutAsync($"-----> waiting for the deploy of {app} started by {holder?.Key ?? "?"} at {Format(holder?.Since)}");
            if (!await slot.Gate.WaitAsync(wait, ct))
            {
                holder = slot.Holder;
                await reply.ErrAsync($"-----> gave up after {wait.TotalSeconds:0} s: the deploy of {app} started by {holder?.Key ?? "?"} at {Format(holder?.Since)} is still running; push again later");
                return null;
            }
        }

        var lease = new AppLease(app, key, clock.GetUtcNow(), slot);
        slot.Holder = lease;
        return lease;
    }

    /// <summary>Who holds the app now, if anyone (for `status`).</summary>
    public AppLease? Holder(string app) => slots.TryGetValue(app, out var slot) ? slot.Holder : null;

    static string Format(DateTimeOffset? time) =>
        time?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "?";

    internal sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public volatile AppLease? Holder;
    }
}
