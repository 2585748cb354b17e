using Nap.Deployer.Docker;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Cluster;

/// <summary>`nodes:label NODE K=V...` (`K=` removes K): labels for placement, `LABEL nap.constraint="node.labels.K==V"`.</summary>
public sealed class NodesLabelVerb(ISwarm swarm) : ClusterVerb
{
    public override string Verb => "nodes:label";

    protected override async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        if (context.Args.Count < 2 || context.Json)
            return await UsageAsync(context);
        // Every label is checked before anything changes.
        var changes = context.Args.Skip(1).Select(NodeLabel.Parse).ToArray();
        var node = await FindNodeAsync(swarm, context.Args[0], ct);
        var labels = new SortedDictionary<string, string>(node.Labels.ToDictionary(), StringComparer.Ordinal);
        foreach (var change in changes)
            if (change.Removes)
                labels.Remove(change.Key);
            else
                labels[change.Key] = change.Value!;
        if (labels.Count == node.Labels.Count && labels.All(l => node.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
        {
            await context.Reply.DoneAsync($"{node.Hostname}'s labels are {Text(labels)} already: nothing to change");
            return 0;
        }
        await swarm.UpdateNodeAsync(node, labels, node.Availability, ct);
        await context.Reply.DoneAsync($"{node.Hostname}'s labels: {Text(labels)}");
        return 0;
    }

    static string Text(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "none" : string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}"));
}
