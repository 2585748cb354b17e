using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nap.Deployer.Hooks;
using Nap.Deployer.Unix;
using Nap.Protocol;

namespace Nap.Deployer.Server;

/// <summary>
/// napd's second door: HTTP for the forges' webhooks, on a Unix socket only (nginx proxies /nap/hooks/ to it), so
/// napd opens no TCP port. Kestrel's core and one request delegate: no routing tables, MVC or reflection.
/// </summary>
public static class HooksSocket
{
    public static IWebHostBuilder UseHooksSocket(this IWebHostBuilder web, NapPaths paths)
    {
        // A socket file left by a crashed napd would make the bind fail with "address in use".
        if (File.Exists(paths.HooksSocket))
            File.Delete(paths.HooksSocket);
        return web.UseKestrelCore()
            .ConfigureKestrel(kestrel =>
            {
                // nginx speaks HTTP/1.1 to its upstreams: no HTTP/2 state per connection.
                kestrel.ListenUnixSocket(paths.HooksSocket, listen => listen.Protocols = HttpProtocols.Http1);
                // nginx keeps no upstream connections to it open; a forge sends one delivery at a time.
                kestrel.Limits.MaxConcurrentConnections = 64;
                kestrel.AddServerHeader = false;
                // Past it Kestrel answers 413 itself, as nginx does before it (client_max_body_size 1m).
                kestrel.Limits.MaxRequestBodySize = HookLimits.BodyBytes;
                kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
                kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            })
            // One I/O queue, not one per core: a few deliveries a minute.
            .ConfigureServices(services => services.AddHostedService<HooksSocketRights>()
                .Configure<SocketTransportOptions>(sockets => sockets.IOQueueCount = 1));
    }

    public static Task Serve(HttpContext context) => context.RequestServices.GetRequiredService<HookEndpoint>().HandleAsync(context);
}

/// <summary>
/// root:www-data 0660, set once Kestrel has bound (StartedAsync runs after every StartAsync, before systemd hears
/// READY=1). Until then the socket has napd's umask, 0755 under systemd: only root may connect, never anyone more.
/// </summary>
public sealed partial class HooksSocketRights(NapPaths paths, UnixAccounts accounts, ILogger<HooksSocketRights> log) : IHostedLifecycleService
{
    /// <summary>Debian's nginx runs its workers as www-data (nginx.conf: user www-data).</summary>
    public const string NginxGroup = "www-data";

    const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var path = paths.HooksSocket;
        if (!File.Exists(path))
            return Task.CompletedTask;
        File.SetUnixFileMode(path, Mode);
        if (accounts.GroupId(NginxGroup) is { } gid)
            Ownership.Change(path, -1, gid);
        else
            LogNoGroup(path, NginxGroup);
        LogListening(path);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Warning, "no group {Group} on this host: {Socket} stays root's only, and nginx answers webhooks with 502")]
    partial void LogNoGroup(string socket, string group);

    [LoggerMessage(LogLevel.Information, "webhooks on {Socket}")]
    partial void LogListening(string socket);
}
