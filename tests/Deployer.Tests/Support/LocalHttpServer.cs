using System.Net;
using Nap.Deployer.Builds;
using Nap.Deployer.Ports;

namespace Nap.Deployer.Tests.Support;

/// <summary>A real HTTP listener on 127.0.0.1 that answers every request with one status and body.</summary>
public sealed class LocalHttpServer : IDisposable
{
    readonly HttpListener listener = new();
    readonly CancellationTokenSource stop = new();

    public LocalHttpServer(int status, string body)
    {
        for (Port = 42000 + Random.Shared.Next(0, 8000); !PortProbe.IsFree(Port); Port++)
        {
        }
        // Any Host header: nginx forwards the client's, e.g. an app's domain.
        listener.Prefixes.Add($"http://*:{Port}/");
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return;
                }
                context.Response.StatusCode = status;
                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        });
    }

    public int Port { get; }

    public void Dispose()
    {
        stop.Cancel();
        listener.Close();
    }
}
