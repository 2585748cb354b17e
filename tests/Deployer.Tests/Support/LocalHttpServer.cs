using System.Net;
using Nap.Deployer.Ports;

namespace Nap.Deployer.Tests.Support;

/// <summary>A real HTTP listener on every address of this machine: one status and body for every request, or a handler of the spec's.</summary>
public sealed class LocalHttpServer : IDisposable
{
    readonly HttpListener listener = new();
    readonly CancellationTokenSource stop = new();
    int requests;

    public LocalHttpServer(int status, string body)
        : this(async context =>
        {
            context.Response.StatusCode = status;
            await context.Response.OutputStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(body));
        })
    {
    }

    public LocalHttpServer(Func<HttpListenerContext, Task> handle)
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
                Interlocked.Increment(ref requests);
                await handle(context);
                context.Response.Close();
            }
        });
    }

    public int Port { get; }

    /// <summary>How many requests reached the server.</summary>
    public int Requests => Volatile.Read(ref requests);

    public void Dispose()
    {
        stop.Cancel();
        listener.Close();
    }
}
