using System.Globalization;
using System.Runtime.CompilerServices;
using Nap.Deployer.Docker;

namespace Nap.Deployer.Cluster;

/// <summary>
/// `logs` for a release that runs as a Swarm service: every task's lines on every node, read through the engine
/// (`/services/{id}/logs`, which reads each node's journald driver), each prefixed `APP.SLOT@NODE | `, the short form of
/// `docker service logs`' `SERVICE.SLOT.TASK@NODE | `.
/// </summary>
public sealed class ServiceLogs(ISwarm swarm, TimeProvider clock)
{
    /// <summary>
    /// What napd holds of a backlog at most, in characters of text (16 Mi): `-n 100000` of an app that logs 48 KiB lines
    /// would otherwise be gigabytes in napd (one tenant's request against napd's MemoryMax, and so every tenant's
    /// deploys); past it the oldest lines go.
    /// </summary>
    public const long BacklogCharacters = 16L << 20;

    /// <summary>
    /// The last <paramref name="lines"/> across the service, in time order (the engine's tail is per task, so each task's
    /// last lines are read and the newest kept); with <paramref name="follow"/> then every new line as it comes, until
    /// <paramref name="ct"/> ends.
    /// </summary>
    /// <exception cref="DockerSwarmException">The engine cannot be reached, or has no such service: why, in one line.</exception>
    public async IAsyncEnumerable<ServiceLogEntry> ReadAsync(string app, string service, int lines, bool follow, [EnumeratorCancellation] CancellationToken ct)
    {
        var sources = new Sources(app, service, swarm);
        var asked = clock.GetUtcNow();
        // Only the newest N are kept while reading: every task (and the engine's kept past tasks) sends up to N each.
        var newest = new PriorityQueue<ServiceLogLine, (DateTimeOffset, long)>();
        var read = 0L;
        var held = 0L;
        await foreach (var line in swarm.ServiceLogsAsync(service, new ServiceLogQuery(lines, Follow: false, Since: null), ct))
        {
            if (line.TaskId is null && line.Time is null)
            {
                yield return new ServiceLogEntry(line.Text, FromEngine: true);
                continue;
            }
            newest.Enqueue(line, (line.Time ?? DateTimeOffset.MinValue, read++));
            held += line.Text.Length;
            while (newest.Count > lines || (held > BacklogCharacters && newest.Count > 1))
                held -= newest.Dequeue().Text.Length;
        }
        var last = new ServiceLogLine[newest.Count];
        for (var i = 0; i < last.Length; i++)
            last[i] = newest.Dequeue();
        foreach (var line in last)
            yield return new ServiceLogEntry(await sources.LabelAsync(line, ct) + line.Text, FromEngine: false);
        if (!follow)
            yield break;

        // Followed from the newest line shown (or from when the backlog was asked for), so nothing written between the
        // two requests is lost; the lines of that very instant already shown are not shown twice.
        var since = last.LastOrDefault()?.Time ?? asked;
        var shown = last.Where(l => l.Time == since).Select(l => (l.TaskId, l.Text)).ToList();
        await foreach (var line in swarm.ServiceLogsAsync(service, new ServiceLogQuery(Tail: null, Follow: true, Since: since), ct))
        {
            if (line.TaskId is null && line.Time is null)
            {
                yield return new ServiceLogEntry(line.Text, FromEngine: true);
                continue;
            }
            if (line.Time < since || (line.Time == since && shown.Remove((line.TaskId, line.Text))))
                continue;
            yield return new ServiceLogEntry(await sources.LabelAsync(line, ct) + line.Text, FromEngine: false);
        }
    }

    /// <summary>Task id to `APP.SLOT@NODE | `, read again when a task is new (a restart, a move to another node).</summary>
    sealed class Sources(string app, string service, ISwarm swarm)
    {
        readonly Dictionary<string, string> labels = new(StringComparer.Ordinal);

        public async Task<string> LabelAsync(ServiceLogLine line, CancellationToken ct)
        {
            var task = line.TaskId ?? "";
            if (labels.TryGetValue(task, out var label))
                return label;
            var tasks = await swarm.ServiceTasksAsync(service, ct);
            var nodes = await swarm.NodesAsync(ct);
            foreach (var t in tasks)
                labels[t.Id] = Label(t.Slot.ToString(CultureInfo.InvariantCulture), nodes.FirstOrDefault(n => n.Id == t.NodeId)?.Hostname ?? Short(t.NodeId));
            // A task the engine no longer lists keeps an unknown slot, and is not asked about again.
            return labels.TryGetValue(task, out label) ? label : labels[task] = Label("?", nodes.FirstOrDefault(n => n.Id == line.NodeId)?.Hostname ?? Short(line.NodeId));
        }

        string Label(string slot, string node) => $"{app}.{slot}@{node} | ";

        static string Short(string? id) => id is { Length: > 0 } ? id[..Math.Min(12, id.Length)] : "?";
    }
}
