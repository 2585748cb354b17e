using System.Globalization;

namespace Nap.Deployer.Nginx;

/// <summary>
/// A reload only signals nginx: the old workers keep serving their connections with the old upstream
/// until they have finished. Waiting for them to go is what makes "deployed" true when it is printed.
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
        var until = DateTime.UtcNow + limit;
        while (Of(master).All(old.Contains) && DateTime.UtcNow < until)
            await Task.Delay(5);
    }

    /// <summary>Waits until none of <paramref name="workers"/> runs, or <paramref name="limit"/> has passed (a long request may hold one).</summary>
    public static async Task WaitGoneAsync(IReadOnlySet<int> workers, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (workers.Any(pid => Directory.Exists($"/proc/{pid}")) && DateTime.UtcNow < until)
            await Task.Delay(20);
    }
}
