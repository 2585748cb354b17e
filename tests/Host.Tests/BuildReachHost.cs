using System.Collections.Concurrent;
using System.Net;

namespace Nap.Host.Tests;

/// <summary>
/// What the build-reach specs (issue 21) need on a host, made once per host: a page nginx serves on 127.0.0.1:8099
/// only (the host-local service a build must not reach, with its own access log), a name that resolves to
/// 127.0.0.1 (/etc/hosts, read by getaddrinfo as DNS answers are), a first tenant's running app, a second key, and an
/// artifact server on the test machine that napd.json's addPrivateHosts names (artifacts.nap.test: the host's
/// gateway, a private address).
/// </summary>
public sealed class BuildReachHost
{
    public const string Secret = "TOP-SECRET-LOCAL-PAGE";
    public const string SecretUrl = "http://127.0.0.1:8099/";
    public const string LoopbackName = "secret.nap.test";
    public const string ArtifactsName = "artifacts.nap.test";
    public const string Artifact = "artifact from the team's server";
    const string SecretLog = "/var/log/nginx/local-secret.access.log";

    static readonly ConcurrentDictionary<string, Lazy<Task<BuildReachHost>>> Prepared = new();

    BuildReachHost(NapHost host, HostileRunningApp first, SshKey second, ArtifactServer artifacts)
    {
        Host = host;
        First = first;
        Second = second;
        Artifacts = artifacts;
    }

    public NapHost Host { get; }

    /// <summary>The first tenant's app (the test key's), serving the hello page.</summary>
    public HostileRunningApp First { get; }

    /// <summary>The second tenant: a key of its own, no admin.</summary>
    public SshKey Second { get; }

    public ArtifactServer Artifacts { get; }

    public static Task<BuildReachHost> OfAsync(NapHost host) =>
        Prepared.GetOrAdd(host.ContainerId, _ => new(() => PrepareAsync(host))).Value;

    static async Task<BuildReachHost> PrepareAsync(NapHost host)
    {
        var gateway = (await host.Exec("sh", "-c", "ip route show default | awk '{print $3; exit}'")).EnsureSuccess("the host's gateway").Stdout.Trim();
        var artifacts = new ArtifactServer();
        (await host.Exec("sh", "-c", $$"""
            set -e
            mkdir -p /srv/local-secret && echo {{Secret}} > /srv/local-secret/index.html
            echo 'server { listen 127.0.0.1:8099; root /srv/local-secret; access_log {{SecretLog}}; }' > /etc/nginx/conf.d/local-secret.conf
            nginx -t -q && systemctl reload nginx
            printf '127.0.0.1 {{LoopbackName}}\n{{gateway}} {{ArtifactsName}}\n' >> /etc/hosts
            sed -i 's/^{/{ "addPrivateHosts": ["{{ArtifactsName}}"],/' /etc/nap/napd.json
            """)).EnsureSuccess("preparing the host-local page, the names and napd.json");
        await host.RestartNapdAsync();
        await host.WaitForAsync($"curl -fsS {SecretUrl} | grep -q {Secret}", "nginx to serve the host-local page");
        var first = await HostileRunningApp.OfAsync(host, "reach-first");
        var second = await host.AddKeyAsync("second-tenant");
        return new BuildReachHost(host, first, second, artifacts);
    }

    /// <summary>Requests the host-local page has had (its access log's lines).</summary>
    public async Task<int> SecretRequestsAsync() =>
        int.Parse((await Host.Exec("sh", "-c", $"cat {SecretLog} 2>/dev/null | wc -l")).Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The first tenant's release: its container's address on the host's docker bridge and its loopback port.</summary>
    public async Task<(string BridgeAddress, string ReleasePort)> FirstReleaseAsync()
    {
        var container = (await Host.Exec("sh", "-c", $"docker ps --filter label=nap.app={First.Name} --format '{{{{.Names}}}}' | head -n1")).Stdout.Trim();
        var address = (await Host.Exec("docker", "inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", container)).Stdout.Trim();
        var port = (await Host.Exec("sh", "-c", $"cat /var/lib/nap/apps/{First.Name}/releases/*/unit.env | sed -n 's/^NAP_PORT=//p' | tail -n1")).Stdout.Trim();
        return (address, port);
    }
}

/// <summary>
/// An HTTP server on the test machine that stands in for a team's artifact server: /app.txt is a file; /to-local and
/// /to-name redirect to the host-local page, by address and by a name that resolves to loopback.
/// </summary>
public sealed class ArtifactServer
{
    readonly HttpListener listener = new();

    public ArtifactServer()
    {
        for (Port = 43000 + Random.Shared.Next(0, 9000); ; Port++)
        {
            try
            {
                listener.Prefixes.Add($"http://*:{Port}/");
                listener.Start();
                break;
            }
            catch (HttpListenerException)
            {
                listener.Prefixes.Clear();
            }
        }
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public int Requests => Volatile.Read(ref requests);

    int requests;

    public string Url(string path) => $"http://{BuildReachHost.ArtifactsName}:{Port}{path}";

    async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            var context = await listener.GetContextAsync();
            Interlocked.Increment(ref requests);
            switch (context.Request.Url!.AbsolutePath)
            {
                case "/app.txt":
                    context.Response.AddHeader("Last-Modified", new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero).ToString("R"));
                    await context.Response.OutputStream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(BuildReachHost.Artifact + "\n"));
                    break;
                case "/to-local":
                    context.Response.Redirect(BuildReachHost.SecretUrl);
                    break;
                case "/to-name":
                    context.Response.Redirect($"http://{BuildReachHost.LoopbackName}:8099/");
                    break;
                default:
                    context.Response.StatusCode = 404;
                    break;
            }
            context.Response.Close();
        }
    }
}
