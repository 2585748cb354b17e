using Nap.Deployer.Docker;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Cluster;

/// <summary>`nodes:join-command`: the one line (alone on stdout, for scripts) a new machine runs to join as a worker.</summary>
public sealed class NodesJoinCommandVerb(ISwarm swarm, ClusterJoin join) : ClusterVerb
{
    public override string Verb => "nodes:join-command";

    protected override async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        if (context.Args.Count > 0 || context.Json)
            return await UsageAsync(context);
        await context.Reply.OutAsync(await join.CommandAsync(await ManagerAsync(swarm, ct), ct));
        return 0;
    }
}
