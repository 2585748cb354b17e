using System.Globalization;

namespace Nap.Deployer.Nginx;

/// <summary>
/// A reload only signals nginx: the old workers keep serving their connections with the old upstream
/// until they have finished. Waiting for them to go is what makes "deployed" true when it is printed.
/// </summary>
public static class NginxWorkers
{
    /// <summary>The master's children now; empty when nginx is not running or /proc does not tell.</summary>
    public static IReadOnlySet<int> Of(string pidFile)
    {
        try
        {
            var master = File.ReadAllText(pidFile).Trim();
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

    /// <summary>Waits until none of <paramref name="workers"/> runs, or <paramref name="limit"/> has passed (a long request may hold one).</summary>
    public static async Task WaitGoneAsync(IReadOnlySet<int> workers, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (workers.Any(pid => Directory.Exists($"/proc/{pid}")) && DateTime.UtcNow < until)
            await Task.Delay(20);
    }
}
