using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nap.Protocol;

namespace Nap.Deployer.Server;

/// <summary>
/// napd's front door: the Unix socket, root:nap 0660. The socket is bound in StartAsync, so when
/// systemd hears READY=1 (after every StartAsync) clients can connect.
/// </summary>
public sealed partial class SocketServer(NapPaths paths, Connection connection, SocketSetup setup, ILogger<SocketServer> log) : BackgroundService
{
    Socket? listener;

    public override Task StartAsync(CancellationToken ct)
    {
        listener = setup.Listen(paths.Socket);
        LogListening(paths.Socket);
        return base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new HashSet<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await listener!.AcceptAsync(stoppingToken);
                }
                catch (SocketException e)
                {
                    // Out of file descriptors and the like: napd stays up and tries again.
                    LogAcceptFailed(e.SocketErrorCode);
                    await Task.Delay(100, stoppingToken);
                    continue;
                }

                var task = Task.Run(() => connection.ServeAsync(client, stoppingToken), CancellationToken.None);
                lock (running)
                    running.Add(task);
                _ = task.ContinueWith(t => { lock (running) running.Remove(t); }, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        Task[] left;
        lock (running)
            left = [.. running];
        // Stopping cancels every request; let them answer and unwind rather than cut them mid-switch.
        await Task.WhenAll(left);
    }

    public override void Dispose()
    {
        listener?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(LogLevel.Error, "accept failed: {Error}")]
    partial void LogAcceptFailed(SocketError error);

    [LoggerMessage(LogLevel.Information, "listening on {Socket}")]
    partial void LogListening(string socket);
}
