namespace Nap.Deployer.Apps;

/// <summary>Holding an app (<see cref="AppLocks"/>); dispose to release.</summary>
public sealed class AppLease : IDisposable
{
    readonly AppLocks.Slot slot;
    int released;

    internal AppLease(string app, string key, DateTimeOffset since, AppLocks.Slot slot)
    {
        App = app;
        Key = key;
        Since = since;
        this.slot = slot;
    }

    public string App { get; }
    public string Key { get; }
    public DateTimeOffset Since { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) != 0)
            return;
        slot.Holder = null;
        slot.Gate.Release();
    }
}
