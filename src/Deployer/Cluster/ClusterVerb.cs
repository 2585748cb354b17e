using Nap.Deployer.Docker;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Cluster;

/// <summary>
/// The cluster's verbs: admin keys only, as the nodes run every tenant's apps and joining one hands out the swarm's
/// token. Each refusal is one line; the engine's own refusals come back as theirs.
/// </summary>
public abstract class ClusterVerb : IVerbHandler
{
    public abstract string Verb { get; }

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        if (!context.Caller.IsAdmin)
        {
            await context.Reply.ErrAsync($"{Verb}: the cluster's nodes run every key's apps: only admin keys manage them");
            return 1;
        }
        try
        {
            return await RunAsync(context, ct);
        }
        catch (Exception e) when (e is ClusterException or DockerSwarmException or Registry.RegistryException)
        {
            await context.Reply.ErrAsync($"{Verb}: {e.Message}");
            return 1;
        }
    }

    protected abstract Task<int> RunAsync(VerbContext context, CancellationToken ct);

    protected async Task<int> UsageAsync(VerbContext context)
    {
        await context.Reply.ErrAsync($"use {Protocol.Verbs.Find(Verb)?.Usage ?? Verb}");
        return 1;
    }

    /// <summary>The node named by its hostname, its ID, or a prefix of its ID that names one node only.</summary>
    protected static async Task<SwarmNode> FindNodeAsync(ISwarm swarm, string name, CancellationToken ct)
    {
        await ManagerAsync(swarm, ct);
        var nodes = await swarm.NodesAsync(ct);
        var found = nodes.Where(n => n.Hostname == name || n.Id == name).ToArray();
        if (found.Length == 0 && name.Length >= 4)
            found = nodes.Where(n => n.Id.StartsWith(name, StringComparison.Ordinal)).ToArray();
        return found switch
        {
            [var one] => one,
            [] => throw new ClusterException($"no node '{Untrusted.Printable(name)}' in the cluster: nodes lists them"),
            _ => throw new ClusterException($"'{Untrusted.Printable(name)}' names {found.Length} nodes: give its ID (nodes lists them)"),
        };
    }

    /// <summary>This engine's swarm state, which must be a manager's.</summary>
    protected static async Task<SwarmState> ManagerAsync(ISwarm swarm, CancellationToken ct)
    {
        var state = await swarm.StateAsync(ct);
        return state.IsManager ? state : throw new ClusterException(NotManager(state));
    }

    static string NotManager(SwarmState state) => state.LocalNodeState switch
    {
        "inactive" => "this host is not a Swarm manager yet: run nap cluster init on it first",
        "active" => "this host's engine is a worker of a swarm, not its manager: run this on the manager",
        var other => $"this host's engine is in swarm state '{other}'{(state.Error is { } e ? $" ({e})" : "")}: see docker info",
    };
}
