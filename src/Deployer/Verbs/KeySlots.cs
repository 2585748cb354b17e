using System.Collections.Concurrent;

namespace Nap.Deployer.Verbs;

/// <summary>
/// How many of something each key holds at once (open requests, `logs -f` followers), so one key cannot starve
/// napd of threads and journal readers for the others. The host's root is its admin and is never counted.
/// </summary>
public sealed class KeySlots(int limit)
{
    readonly ConcurrentDictionary<string, int> held = new(StringComparer.Ordinal);

    public int Limit => limit;

    /// <returns>A slot to dispose when done, or null when the key holds <see cref="Limit"/> already.</returns>
    public IDisposable? TryTake(Caller caller)
    {
        if (caller.Key == Caller.RootKey)
            return Nothing.Instance;
        while (true)
        {
            var now = held.GetOrAdd(caller.Key, 0);
            if (now >= limit)
                return null;
            if (held.TryUpdate(caller.Key, now + 1, now))
                return new Slot(this, caller.Key);
        }
    }

    void Give(string key) => held.AddOrUpdate(key, 0, (_, n) => Math.Max(0, n - 1));

    sealed class Slot(KeySlots owner, string key) : IDisposable
    {
        int given;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref given, 1) == 0)
                owner.Give(key);
        }
    }

    sealed class Nothing : IDisposable
    {
        public static readonly Nothing Instance = new();

        public void Dispose()
        {
        }
    }
}
