using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Nap.Deployer.Apps;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Server;

/// <summary>Serves one connection: one request, its replies, one exit code.</summary>
public sealed partial class Connection(PeerPolicy policy, KeyRing keys, VerbDispatcher dispatcher, NapdConfig config, ILogger<Connection> log)
{
    /// <summary>A client that connects and says nothing must not hold a connection forever.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    readonly KeySlots open = new(config.Limits.ConnectionsPerKey);

    public async Task ServeAsync(Socket socket, CancellationToken stopping)
    {
        using var _ = socket;
        using var request = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var reply = new SocketReplyWriter(stream, request);
        try
        {
            await reply.ExitAsync(await ServeRequestAsync(socket, reply, request));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            LogDropped(e.Message);
        }
        catch (Exception e)
        {
            // Handlers' failures are answered by the dispatcher; this is napd's own bug: log it, keep serving others.
            LogFailed(e);
        }
    }

    async Task<int> ServeRequestAsync(Socket socket, SocketReplyWriter reply, CancellationTokenSource request)
    {
        using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(request.Token);
        readTimeout.CancelAfter(RequestTimeout);
        var (napRequest, error) = await RequestReader.ReadAsync(socket, readTimeout.Token);
        if (napRequest is null)
            return await FailAsync(reply, error!, 2);

        var (caller, refusal) = policy.Identify(PeerCredentials.Of(socket), napRequest, keys);
        if (caller is null)
            return await FailAsync(reply, refusal!, 1);
        using var slot = open.TryTake(caller);
        if (slot is null)
            return await FailAsync(reply, $"napd: key {caller.Key} has {open.Limit} requests open, as many as this host allows ({TenantLimits.Name("connectionsPerKey")}): end one (a logs -f?) and try again", 1);

        _ = WatchHangUpAsync(socket, request);
        var clock = Stopwatch.StartNew();
        var code = await dispatcher.DispatchAsync(new VerbContext(napRequest, caller, reply), request.Token);
        // Only the verb and the app: other arguments may be config values.
        LogServed(napRequest.Verb, napRequest.Args is [var app, ..] && AppName.IsValid(app) ? app : null, caller.Key, code, clock.ElapsedMilliseconds);
        return code;
    }

    static async Task<int> FailAsync(SocketReplyWriter reply, string message, int code)
    {
        await reply.ErrAsync(message);
        return code;
    }

    /// <summary>The client sends nothing after its request, so a read that ends means it hung up (Ctrl-C).</summary>
    static async Task WatchHangUpAsync(Socket socket, CancellationTokenSource request)
    {
        var one = new byte[1];
        try
        {
            while (await socket.ReceiveAsync(one, SocketFlags.None, request.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        try
        {
            await request.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The request finished first: nothing left to cancel.
        }
    }

    [LoggerMessage(LogLevel.Information, "{Verb} {App} by {Key}: exit {Code} in {Ms} ms")]
    partial void LogServed(string verb, string? app, string key, int code, long ms);

    [LoggerMessage(LogLevel.Error, "serving a connection failed")]
    partial void LogFailed(Exception e);

    [LoggerMessage(LogLevel.Information, "client dropped: {Reason}")]
    partial void LogDropped(string reason);
}
