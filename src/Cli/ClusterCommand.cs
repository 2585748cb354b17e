using Nap.Protocol;

namespace Nap.Cli;

/// <summary>
/// `nap cluster init` and `nap nodes ...`, root on the primary host: napd's admin verbs (cluster:init, nodes*) over its
/// socket, as `ssh nap@HOST VERB` with an admin key is. napd acts, as it holds the engine (docs/DESIGN.md, "Nodes").
/// </summary>
public static class ClusterCommand
{
    public const string ClusterHelp = """
        Usage: nap cluster init   make this host a Swarm manager (a registry first: nap registry init), and print the
                                  line a new machine runs to join; a second run changes nothing and prints it again
        """;

    public const string NodesHelp = """
        Usage: nap nodes [--json]              the cluster's nodes: address, role, state, labels, the apps on each
               nap nodes label NODE K=V...     set a node's labels for placement (K= removes K)
               nap nodes remove NODE           drain a worker, then remove it from the cluster
               nap nodes join-command          the line a new machine runs to join as a worker
        """;

    public static Task<int> ClusterAsync(string[] args, TextWriter stdout, TextWriter stderr, NapPaths paths) => args switch
    {
        ["init"] => Send(paths, "cluster:init", [], stdout, stderr),
        [] or ["help" or "--help" or "-h"] => Help(ClusterHelp, stdout),
        _ => Unknown("cluster", args, stderr),
    };

    public static Task<int> NodesAsync(string[] args, TextWriter stdout, TextWriter stderr, NapPaths paths) => args switch
    {
        [] or ["--json"] => Send(paths, "nodes", args, stdout, stderr),
        ["label", .. var rest] when rest.Length >= 2 => Send(paths, "nodes:label", rest, stdout, stderr),
        ["remove", var node] => Send(paths, "nodes:remove", [node], stdout, stderr),
        ["join-command"] => Send(paths, "nodes:join-command", [], stdout, stderr),
        ["help" or "--help" or "-h"] => Help(NodesHelp, stdout),
        _ => Unknown("nodes", args, stderr),
    };

    static Task<int> Send(NapPaths paths, string verb, string[] args, TextWriter stdout, TextWriter stderr) =>
        NapClient.SendAsync(paths.Socket, new NapRequest(verb, args, "root"), stdout, stderr);

    static async Task<int> Help(string text, TextWriter stdout)
    {
        await stdout.WriteLineAsync(text);
        return 0;
    }

    static async Task<int> Unknown(string command, string[] args, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"nap {command}: unknown arguments '{Untrusted.Printable(string.Join(' ', args))}': run 'nap {command} --help'");
        return 2;
    }
}
