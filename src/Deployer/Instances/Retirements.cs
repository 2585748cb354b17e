using System.Collections.Concurrent;

namespace Nap.Deployer.Instances;

/// <summary>
/// What a release leaves to do after the pusher has their answer (the old instances drain and stop, units are
/// enabled, old images go), one piece of work per app. The app's next operation waits for it (<see cref="SettledAsync"/>),
/// so it never meets an instance half retired.
/// </summary>
public sealed class Retirements
{
    readonly ConcurrentDictionary<string, Task> retiring = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="work"/> in the background; call with the app's lock held.</summary>
    public void Begin(string app, Func<Task> work) => retiring[app] = Task.Run(work);

    /// <summary>Waits until the app's retirement is done; call with the app's lock held.</summary>
    public async Task SettledAsync(string app)
    {
        if (!retiring.TryRemove(app, out var task))
            return;
        try
        {
            await task;
        }
        catch (Exception)
        {
            // Best effort by design: a release that would not stop shows in `status`, an image that
            // would not go is pruned next time; neither may fail the change that comes after.
        }
    }
}
