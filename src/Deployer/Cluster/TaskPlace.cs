using System.Net;
using Nap.Deployer.Docker;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Cluster;

/// <summary>Where one task of a release runs: its node, the node's address and the port the engine published for it.</summary>
/// <param name="Port">0 while the engine has published none (not started yet).</param>
public sealed record TaskPlace(string Id, long Slot, string Node, string Address, int Port, string State, string? Error)
{
    /// <summary>The port its app must listen on in its container (the published port's target, $PORT); 0 when not known.</summary>
    public int ListenPort { get; init; }

    /// <summary>ADDR:PORT as nginx's upstream has it; null without a port or an address that is an IP.</summary>
    public IPEndPoint? Endpoint => Port > 0 && IPAddress.TryParse(Address, out var ip) ? new IPEndPoint(ip, Port) : null;

    /// <summary>
    /// Each task the engine wants running, with its node's name and address, in slot order. A task on a node that is not
    /// ready is reported as the node's state ("down"): the engine still says "running" for ~11 s after a node is lost.
    /// </summary>
    public static IReadOnlyList<TaskPlace> Of(IEnumerable<SwarmTask> tasks, IEnumerable<SwarmNode> nodes)
    {
        var byId = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        return [.. tasks
            .Where(t => t.DesiredState == "running")
            .Select(t => t.NodeId is { } id && byId.TryGetValue(id, out var node)
                ? new TaskPlace(t.Id, t.Slot, node.Hostname, node.Address, PortOf(t), node.State == "ready" ? t.State : "node " + node.State, t.Error) { ListenPort = t.TargetPort }
                : new TaskPlace(t.Id, t.Slot, "", "", PortOf(t), t.State, t.Error) { ListenPort = t.TargetPort })
            .OrderBy(p => p.Slot).ThenBy(p => p.Id, StringComparer.Ordinal)];
    }

    static int PortOf(SwarmTask task) => task.PublishedPorts.Count > 0 ? task.PublishedPorts[0] : 0;

    /// <summary>The places that take requests: running on a ready node, at an address and a port.</summary>
    public static IReadOnlyList<TaskPlace> Serving(IEnumerable<TaskPlace> places) =>
        [.. places.Where(p => p.State == "running" && p.Endpoint is not null)];

    /// <summary>What nginx's upstream and the release record hold: ADDR:PORT, sorted, so two reads of the same set compare equal.</summary>
    public static IReadOnlyList<string> Upstream(IEnumerable<TaskPlace> places) =>
        [.. places.Select(p => p.Endpoint?.ToString()).OfType<string>().Distinct().Order(StringComparer.Ordinal)];

    /// <summary>"1 task", "3 tasks": how the push and ps:scale count a release's tasks.</summary>
    public static string Count(int tasks) => tasks == 1 ? "1 task" : $"{tasks} tasks";

    /// <summary>The answer's last part on a cluster, after its address: one `runs on NODE ADDR:PORT` line per task.</summary>
    public static async Task ReportAsync(IEnumerable<TaskPlace> places, IReplyWriter reply)
    {
        foreach (var place in places)
            await reply.DetailAsync($"runs on {place.Node} {place.Endpoint}");
    }
}
