namespace Nap.Deployer.Systemd;

/// <summary>
/// The jobs napd waits for. systemd announces every job's end (JobRemoved) to every subscriber, napd's
/// or not: only the ends of units someone expects are kept, so nothing piles up.
/// </summary>
sealed class JobWaits
{
    readonly Lock gate = new();
    readonly List<Wait> waits = [];

    public Wait Expect(string unit)
    {
        var wait = new Wait(unit, this);
        lock (gate)
            waits.Add(wait);
        return wait;
    }

    public void Removed(string job, string unit, string result)
    {
        lock (gate)
            foreach (var wait in waits.Where(w => w.Unit == unit))
                wait.Ended(job, result);
    }

    /// <summary>The connection is gone, and with it every JobRemoved still to come: no wait may hang on one.</summary>
    public void Lost(string reason)
    {
        lock (gate)
            foreach (var wait in waits)
                wait.Lost(reason);
    }

    void Forget(Wait wait)
    {
        lock (gate)
            waits.Remove(wait);
    }

    /// <summary>One caller's interest in one unit's jobs, from before its call until it has the result.</summary>
    public sealed class Wait(string unit, JobWaits owner) : IDisposable
    {
        readonly Dictionary<string, string> ended = [];
        readonly SemaphoreSlim news = new(0);
        string? lost;

        public string Unit => unit;

        public void Ended(string job, string result)
        {
            lock (ended)
                ended[job] = result;
            news.Release();
        }

        public void Lost(string reason)
        {
            lost = reason;
            news.Release();
        }

        public async Task<string> ResultAsync(string job, CancellationToken ct)
        {
            while (true)
            {
                lock (ended)
                    if (ended.TryGetValue(job, out var result))
                        return result;
                if (lost is not null)
                    throw new SystemdException($"the connection to systemd broke while a job of {unit} ran ({lost}): see systemctl status {unit}");
                // Nothing yet, or another job of this unit ended (the stop before this start): wait for the next end.
                await news.WaitAsync(ct);
            }
        }

        public void Dispose()
        {
            owner.Forget(this);
            news.Dispose();
        }
    }
}
