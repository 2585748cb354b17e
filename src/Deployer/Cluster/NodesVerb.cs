using Nap.Deployer.Docker;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Cluster;

/// <summary>`nodes [--json]`: the cluster's nodes, where each is reached, its labels and the apps it runs.</summary>
public sealed class NodesVerb(ISwarm swarm) : ClusterVerb
{
    public override string Verb => "nodes";

    protected override async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        if (context.Args.Count > 0)
            return await UsageAsync(context);
        await ManagerAsync(swarm, ct);
        var tasks = await swarm.TasksAsync(null, ct);
        var nodes = (await swarm.NodesAsync(ct)).Select(n => new NodeLine(
            n.Id, n.Hostname, n.Address, n.Role, n.Leader, n.Availability, n.State,
            new SortedDictionary<string, string>(n.Labels.ToDictionary(), StringComparer.Ordinal),
            tasks.Where(t => t.NodeId == n.Id && t.App is not null && t.DesiredState == "running" && t.IsLive)
                .Select(t => t.App!).Distinct().Order(StringComparer.Ordinal).ToArray())).ToArray();
        if (context.Json)
            return await context.Reply.JsonAsync<IReadOnlyList<NodeLine>>(nodes, ClusterJson.Default.IReadOnlyListNodeLine);

        await context.Reply.OutAsync($"{"ID",-12}  {"HOSTNAME",-20} {"ADDRESS",-15} {"ROLE",-15} {"AVAILABILITY",-12} {"STATE",-7} {"LABELS",-24} APPS");
        foreach (var n in nodes)
            await context.Reply.OutAsync(
                $"{Short(n.Id),-12}  {n.Hostname,-20} {n.Address,-15} {(n.Leader ? "manager, leader" : n.Role),-15} {n.Availability,-12} {n.State,-7} "
                + $"{(n.Labels.Count == 0 ? "-" : string.Join(',', n.Labels.Select(l => $"{l.Key}={l.Value}"))),-24} {(n.Apps.Count == 0 ? "-" : string.Join(", ", n.Apps))}");
        return 0;
    }

    static string Short(string id) => id.Length > 12 ? id[..12] : id;
}
