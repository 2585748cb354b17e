using Nap.Deployer.Docker;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Cluster;

/// <summary>
/// `nodes:remove NODE`: drains a worker (the swarm starts its tasks elsewhere, the front door follows them), waits until
/// its tasks have stopped, at most <see cref="DrainLimit"/>, then removes it. Managers are refused: this host is one,
/// and a swarm without its manager has no one to schedule.
/// </summary>
public sealed class NodesRemoveVerb(ISwarm swarm, TimeProvider time) : ClusterVerb
{
    public static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(60);

    static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public override string Verb => "nodes:remove";

    protected override async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        if (context.Args.Count != 1 || context.Json)
            return await UsageAsync(context);
        var node = await FindNodeAsync(swarm, context.Args[0], ct);
        if (node.IsManager)
            throw new ClusterException($"{node.Hostname} is a manager (it holds the swarm's state, and this host runs napd and the front door): nodes:remove takes workers; docker node demote it first");

        // A node that is down runs nothing the swarm can wait for: its tasks were started elsewhere already.
        var up = node.State != "down";
        if (up)
            await DrainAsync(node, context, ct);
        await swarm.RemoveNodeAsync(node.Id, force: up, ct);
        await context.Reply.DoneAsync($"{node.Hostname} ({node.Address}) removed from the cluster");
        if (up)
            await context.Reply.DetailAsync("on that machine, docker swarm leave --force ends its side (its engine keeps the old swarm's state until then); the join command joins it again afterwards");
        return 0;
    }

    async Task DrainAsync(SwarmNode node, VerbContext context, CancellationToken ct)
    {
        if (node.Availability != "drain")
        {
            await context.Reply.StepAsync($"draining {node.Hostname}: the swarm starts its tasks on the other nodes");
            await swarm.UpdateNodeAsync(node, node.Labels, "drain", ct);
        }
        var deadline = time.GetUtcNow() + DrainLimit;
        while (true)
        {
            var live = (await swarm.TasksAsync(node.Id, ct)).Where(t => t.IsLive).ToArray();
            if (live.Length == 0)
                break;
            if (time.GetUtcNow() >= deadline)
                throw new ClusterException(
                    $"{node.Hostname} still runs {live.Length} task(s) ({string.Join(", ", live.Select(t => t.App ?? t.ServiceId).Distinct())}) after {DrainLimit.TotalSeconds:0} s of draining: "
                    + "it stays drained; run nodes:remove again once they stopped (docker node ps shows them)");
            await Task.Delay(Poll, time, ct);
        }
        await context.Reply.DetailAsync($"{node.Hostname} is drained: none of its tasks runs any more");
    }
}
