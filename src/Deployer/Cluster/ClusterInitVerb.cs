using System.Net;
using System.Net.Sockets;
using Nap.Deployer.Docker;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Cluster;

/// <summary>
/// `cluster:init` (`nap cluster init` as root, or an admin key): makes this host's engine a Swarm manager, advertised
/// at the address pushes answer with, once a registry is there for the nodes to pull from. A second run changes
/// nothing and prints the join command again.
/// </summary>
public sealed class ClusterInitVerb(ISwarm swarm, ClusterJoin join, NapdConfig config, TaskFollower follower) : ClusterVerb
{
    public override string Verb => "cluster:init";

    protected override async Task<int> RunAsync(VerbContext context, CancellationToken ct)
    {
        if (context.Args.Count > 0 || context.Json)
            return await UsageAsync(context);
        // Refused before the engine is asked anything: the nodes would have nowhere to pull the apps from.
        join.Registry();
        var state = await swarm.StateAsync(ct);
        if (state.IsManager)
        {
            await context.Reply.DoneAsync($"this host is already a Swarm manager (node {state.NodeId}, {state.ManagerAddress}): nothing to change");
            return await JoinLineAsync(state, context, ct);
        }
        if (state.LocalNodeState != "inactive")
            throw new ClusterException($"this host's engine is already in a swarm (state '{state.LocalNodeState}'{(state.ControlAvailable ? "" : ", as a worker")}): docker swarm leave there first, or run nap on that swarm's manager");

        var address = await AdvertiseAddressAsync(config.PublicAddress, ct);
        await context.Reply.StepAsync($"making this host a Swarm manager at {address}:{DockerSwarm.ManagerPort}");
        await swarm.InitAsync(address, ct);
        follower.Wake();
        state = await swarm.StateAsync(ct);
        await context.Reply.DoneAsync($"this host is a Swarm manager (node {state.NodeId}): releases now run as Swarm services on the cluster's nodes");
        return await JoinLineAsync(state, context, ct);
    }

    async Task<int> JoinLineAsync(SwarmState state, VerbContext context, CancellationToken ct)
    {
        var line = await join.CommandAsync(state, ct);
        await context.Reply.DetailAsync("to add a machine, run this there as root, in a copy of nap's repository (nodes:join-command prints it again):");
        await context.Reply.OutAsync(line);
        return 0;
    }

    /// <summary>napd.json's publicAddress, which pushes answer with; a name is resolved, as Swarm takes an address only.</summary>
    static async Task<string> AdvertiseAddressAsync(string publicAddress, CancellationToken ct)
    {
        if (IPAddress.TryParse(publicAddress, out var ip))
            return ip.ToString();
        try
        {
            var found = await Dns.GetHostAddressesAsync(publicAddress, AddressFamily.InterNetwork, ct);
            if (found.Length > 0)
                return found[0].ToString();
        }
        catch (SocketException)
        {
            // Said below.
        }
        throw new ClusterException($"napd.json's publicAddress '{publicAddress}' resolves to no IPv4 address for the swarm to advertise: set it to this host's address");
    }
}
