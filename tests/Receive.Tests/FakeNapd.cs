using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Nap.Protocol;

namespace Nap.Receive.Tests;

/// <summary>
/// Stands in for napd (written in parallel, in src/Deployer): listens on the Unix socket,
/// speaks Nap.Protocol's framing, records every request and answers as the test says.
/// </summary>
public sealed class FakeNapd : IAsyncDisposable
{
    readonly Socket listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    readonly Func<NapRequest, Connection, Task> serve;
    readonly CancellationTokenSource stop = new();
    readonly Task loop;

    public FakeNapd(string socketPath, Func<NapRequest, Connection, Task> serve)
    {
        this.serve = serve;
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen();
        loop = AcceptAsync();
    }

    /// <summary>A napd that answers each request with fixed replies.</summary>
    public static FakeNapd Replying(string socketPath, Func<NapRequest, NapReply[]> replies) =>
        new(socketPath, async (request, connection) =>
        {
            foreach (var reply in replies(request))
                await connection.SendAsync(reply);
        });

    public ConcurrentQueue<NapRequest> Requests { get; } = new();

    /// <summary>One client's connection; HungUp completes when the client closes its end.</summary>
    public sealed class Connection(Stream stream, Task hungUp)
    {
        public Task HungUp => hungUp;

        public Task SendAsync(NapReply reply) => SendRawAsync(Framing.Encode(reply));

        public Task SendRawAsync(string line) => Framing.WriteLineAsync(stream, line, CancellationToken.None);
    }

    async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await listener.AcceptAsync(stop.Token); }
            catch (OperationCanceledException) { return; }
            _ = ServeAsync(client);
        }
    }

    async Task ServeAsync(Socket client)
    {
        using var _ = client;
        await using var stream = new NetworkStream(client, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        if (await reader.ReadLineAsync() is not { } line || Framing.DecodeRequest(line) is not { } request)
            return;
        Requests.Enqueue(request);
        var hungUp = reader.ReadLineAsync();
        try { await serve(request, new Connection(stream, hungUp)); }
        catch (IOException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Dispose();
        await loop;
        stop.Dispose();
    }
}
