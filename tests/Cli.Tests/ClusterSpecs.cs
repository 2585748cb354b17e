using System.Net.Sockets;
using System.Text;
using Nap.Protocol;

namespace Nap.Cli.Tests;

/// <summary>`nap cluster init` and `nap nodes ...`: napd's admin verbs, sent as root; their runs are Host.Tests' ClusterNodesSpecs.</summary>
public sealed class ClusterSpecs : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("nap-cluster-").FullName;
    readonly StringWriter stdout = new(), stderr = new();

    NapPaths Paths => new(dir, dir, dir);

    /// <summary>Runs the command against a napd stand-in that answers "done" and returns the request it read.</summary>
    async Task<NapRequest> SentAsync(Func<Task<int>> command)
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(Paths.Socket));
        listener.Listen();
        var napd = Task.Run(async () =>
        {
            using var peer = await listener.AcceptAsync();
            await using var stream = new NetworkStream(peer);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var request = Framing.DecodeRequest((await reader.ReadLineAsync())!)!;
            await Framing.WriteLineAsync(stream, Framing.Encode(NapReply.Out("done")), default);
            await Framing.WriteLineAsync(stream, Framing.Encode(NapReply.Exit(0)), default);
            return request;
        });
        Assert.Equal(0, await command());
        Assert.Equal("done", stdout.ToString().Trim());
        return await napd;
    }

    [Theory]
    [InlineData("cluster init", "cluster:init", "")]
    [InlineData("nodes", "nodes", "")]
    [InlineData("nodes --json", "nodes", "--json")]
    [InlineData("nodes label w1 region=eu disk=", "nodes:label", "w1 region=eu disk=")]
    [InlineData("nodes remove w1", "nodes:remove", "w1")]
    [InlineData("nodes join-command", "nodes:join-command", "")]
    public async Task Each_command_is_napd_s_verb_sent_as_root(string command, string verb, string args)
    {
        var words = command.Split(' ');
        var request = await SentAsync(() => words[0] == "cluster"
            ? ClusterCommand.ClusterAsync(words[1..], stdout, stderr, Paths)
            : ClusterCommand.NodesAsync(words[1..], stdout, stderr, Paths));

        Assert.Equal(verb, request.Verb);
        Assert.Equal(args.Split(' ', StringSplitOptions.RemoveEmptyEntries), request.Args);
        Assert.Equal("root", request.Key);
    }

    [Theory]
    [InlineData("nodes", "label w1")]
    [InlineData("nodes", "remove")]
    [InlineData("nodes", "drain w1")]
    [InlineData("cluster", "init --force")]
    public async Task Unknown_arguments_are_refused_with_the_way_to_the_help(string command, string args)
    {
        var exit = command == "cluster"
            ? await ClusterCommand.ClusterAsync(args.Split(' '), stdout, stderr, Paths)
            : await ClusterCommand.NodesAsync(args.Split(' '), stdout, stderr, Paths);

        Assert.Equal(2, exit);
        Assert.Equal($"nap {command}: unknown arguments '{args}': run 'nap {command} --help'", stderr.ToString().Trim());
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
