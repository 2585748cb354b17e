using System.Globalization;

namespace Nap.Deployer.Nginx;

/// <summary>
/// A reload only signals nginx: the old workers keep taking connections for the old upstream until the master
/// tells them to stop. Waiting for that is what makes "deployed" true when it is printed.
/// A file that is new needs less: its ports were never open in the old workers, so the new workers
/// being there is enough (nginx's master lets the old ones go only ~0.1 s after starting the new).
/// </summary>
public static class NginxWorkers
{
    /// <summary>The master's children now; empty when it is gone or /proc does not tell.</summary>
    public static IReadOnlySet<int> Of(int master)
    {
        try
        {
            var children = File.ReadAllText($"/proc/{master}/task/{master}/children");
            return children.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(pid => int.Parse(pid, CultureInfo.InvariantCulture))
                .ToHashSet();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return new HashSet<int>();
        }
    }

    /// <summary>Waits until the master has a child not in <paramref name="old"/> (it took the new configuration), or <paramref name="limit"/> has passed.</summary>
    public static async Task WaitStartedAsync(int master, IReadOnlySet<int> old, TimeSpan limit)
    {
        // Nothing to compare with: nginx did not run, or /proc does not tell.
        if (old.Count == 0)
            return;
        await WhileAsync(() => Of(master).All(old.Contains), limit, 5);
    }

    /// <summary>
    /// Waits until none of <paramref name="workers"/> takes new connections, or <paramref name="limit"/> has passed:
    /// each is gone, or is shutting down, which nginx's worker puts in its title as it handles the master's QUIT, in the
    /// same step that closes its listening sockets and its idle connections. One still finishing a long request on the
    /// old upstream (a download, a websocket) need not hold the switch: the pusher's next request cannot reach it.
    /// </summary>
    public static Task WaitNotAcceptingAsync(IReadOnlySet<int> workers, TimeSpan limit) =>
        WhileAsync(() => workers.Any(Accepting), limit, 5);

    /// <summary>Waits until none of <paramref name="workers"/> runs, or <paramref name="limit"/> has passed (a long request may hold one).</summary>
    public static Task WaitGoneAsync(IReadOnlySet<int> workers, TimeSpan limit) =>
        WhileAsync(() => workers.Any(pid => Directory.Exists($"/proc/{pid}")), limit, 20);

    static async Task WhileAsync(Func<bool> waiting, TimeSpan limit, int pollMilliseconds)
    {
        var until = DateTime.UtcNow + limit;
        while (waiting() && DateTime.UtcNow < until)
            await Task.Delay(pollMilliseconds);
    }

    static bool Accepting(int worker)
    {
        try
        {
            // An exited worker not yet reaped has an empty command line: it accepts nothing either.
            var title = File.ReadAllText($"/proc/{worker}/cmdline");
            return title.Length > 0 && !title.Contains("shutting down", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
