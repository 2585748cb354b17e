using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nap.Deployer.Unix;
using Nap.Protocol;

namespace Nap.Deployer.Hooks;

/// <summary>
/// napd's second door: HTTP for the forges' webhooks on a Unix socket only (nginx proxies /nap/hooks/ to it), so
/// napd opens no TCP port. Kestrel's core and one request delegate, no web host: Kestrel starts only once the host
/// has a hook (at napd's start when one exists, or at the first hooks:add), so a host without hooks pays nothing
/// for it (bench/footprint.sh: napd's RSS with 50 apps as before the webhooks). Once started it stays until napd
/// stops: stopping it at the last hooks:remove would give back little (the pages Kestrel touched and the GC's
/// heap stay napd's) and would race a delivery in flight against the next hooks:add.
/// </summary>
public sealed partial class HooksServer(
    NapPaths paths, HookStore store, HookEndpoint endpoint, UnixAccounts accounts, ILoggerFactory loggers, IServiceProvider services)
    : IHostedService, IHttpApplication<HttpContext>, IAsyncDisposable
{
    /// <summary>Debian's nginx runs its workers as www-data (nginx.conf: user www-data).</summary>
    public const string NginxGroup = "www-data";

    const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    readonly SemaphoreSlim starting = new(1, 1);
    readonly ILogger log = loggers.CreateLogger<HooksServer>();
    KestrelServer? kestrel;

    public bool IsRunning => Volatile.Read(ref kestrel) is not null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A socket file left by a crashed napd would make the bind fail with "address in use", and until a hook
        // exists nginx must find no socket at all (it then answers its own 503, NginxConf's hooks location).
        if (File.Exists(paths.HooksSocket))
            File.Delete(paths.HooksSocket);
        if (store.AnyHook())
            await EnsureStartedAsync(cancellationToken);
    }

    /// <summary>Starts Kestrel on the hooks socket unless it runs already (hooks:add calls it for the host's first hook).</summary>
    public async Task EnsureStartedAsync(CancellationToken ct)
    {
        if (IsRunning)
            return;
        await starting.WaitAsync(ct);
        try
        {
            if (IsRunning)
                return;
            if (File.Exists(paths.HooksSocket))
                File.Delete(paths.HooksSocket);
            var server = new KestrelServer(Options.Create(KestrelOptions()),
                new SocketTransportFactory(Options.Create(new SocketTransportOptions { IOQueueCount = 1 }), loggers), loggers);
            await server.StartAsync(this, ct);
            SetRights();
            Volatile.Write(ref kestrel, server);
        }
        finally
        {
            starting.Release();
        }
    }

    KestrelServerOptions KestrelOptions()
    {
        var options = new KestrelServerOptions { ApplicationServices = services, AddServerHeader = false };
        // nginx speaks HTTP/1.1 to its upstreams: no HTTP/2 state per connection.
        options.ListenUnixSocket(paths.HooksSocket, listen => listen.Protocols = HttpProtocols.Http1);
        // nginx keeps no upstream connections to it open; a forge sends one delivery at a time.
        options.Limits.MaxConcurrentConnections = 64;
        // Past it Kestrel answers 413 itself, as nginx does before it (client_max_body_size 1m).
        options.Limits.MaxRequestBodySize = HookLimits.BodyBytes;
        options.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        options.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
        return options;
    }

    /// <summary>root:www-data 0660 once bound; until then the socket has napd's umask (0755 under systemd): root's only.</summary>
    void SetRights()
    {
        var path = paths.HooksSocket;
        File.SetUnixFileMode(path, Mode);
        if (accounts.GroupId(NginxGroup) is { } gid)
            Ownership.Change(path, -1, gid);
        else
            LogNoGroup(path, NginxGroup);
        LogListening(path);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref kestrel, null) is { } server)
        {
            await server.StopAsync(cancellationToken);
            server.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    HttpContext IHttpApplication<HttpContext>.CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    Task IHttpApplication<HttpContext>.ProcessRequestAsync(HttpContext context) => endpoint.HandleAsync(context);

    void IHttpApplication<HttpContext>.DisposeContext(HttpContext context, Exception? exception)
    {
    }

    [LoggerMessage(LogLevel.Warning, "no group {Group} on this host: {Socket} stays root's only, and nginx answers webhooks with 503")]
    partial void LogNoGroup(string socket, string group);

    [LoggerMessage(LogLevel.Information, "webhooks on {Socket}")]
    partial void LogListening(string socket);
}
