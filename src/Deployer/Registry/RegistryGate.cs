namespace Nap.Deployer.Registry;

/// <summary>
/// Pushes run side by side; a garbage collection runs alone. distribution's garbage-collect marks the blobs that
/// manifests name and deletes the rest, so a blob pushed while it runs, its manifest not yet there, could go.
/// </summary>
public sealed class RegistryGate
{
    readonly SemaphoreSlim collecting = new(1, 1);
    int pushes;

    public async Task<IDisposable> PushAsync(CancellationToken ct)
    {
        while (true)
        {
            Interlocked.Increment(ref pushes);
            if (collecting.CurrentCount > 0)
                return new Release(() => Interlocked.Decrement(ref pushes));
            // A collection holds the gate: wait it out, then count in again.
            Interlocked.Decrement(ref pushes);
            await collecting.WaitAsync(ct);
            collecting.Release();
        }
    }

    /// <summary>Holds new pushes back and waits for running ones to finish (a push takes seconds, so polling is cheap).</summary>
    public async Task<IDisposable> CollectAsync(CancellationToken ct)
    {
        await collecting.WaitAsync(ct);
        while (Volatile.Read(ref pushes) > 0)
            await Task.Delay(100, ct);
        return new Release(() => collecting.Release());
    }

    sealed class Release(Action release) : IDisposable
    {
        int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
                release();
        }
    }
}
