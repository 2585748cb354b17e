using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Hooks;
using Nap.Deployer.Nginx;
using Nap.Deployer.Tests.Support;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Hooks;

/// <summary>
/// The hooks server napd writes, in a real nginx, in front of the endpoint on Kestrel over a Unix socket, as napd
/// serves it: what a forge's request meets on the way.
/// </summary>
public sealed class HooksThroughNginxSpecs : IAsyncLifetime
{
    const string App = "shop";
    readonly NginxFixture nginx = new();
    readonly TestDir dir = new();
    readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(20) };
    WebApplication? web;
    int port;
    HookConfig hook = null!;
    DeliveryLog log = null!;

    sealed class NoDeploys : IHookDeployQueue
    {
        public void Enqueue(HookDeploys.Job job)
        {
        }
    }

    public async Task InitializeAsync()
    {
        var paths = new NapPaths(dir.Path, dir.Sub("etc"), dir.Sub("run"));
        var store = new HookStore(paths);
        log = new DeliveryLog(paths);
        hook = await store.CreateAsync(App, Forge.GitHub, "git@github.com:acme/shop.git", "main", null, DateTimeOffset.UtcNow, CancellationToken.None);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.ListenUnixSocket(paths.HooksSocket);
            k.Limits.MaxRequestBodySize = HookLimits.BodyBytes;
        });
        builder.Services.AddSingleton(new HookEndpoint(new HookReceiver(store, log, new NoDeploys(), TimeProvider.System)));
        web = builder.Build();
        web.Run(context => context.RequestServices.GetRequiredService<HookEndpoint>().HandleAsync(context));
        await web.StartAsync();
        // nginx's workers run as nobody here (www-data on a host, where napd gives the socket that group).
        File.SetUnixFileMode(dir.Path, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(paths.HooksSocket, (UnixFileMode)0b110_110_110);
        port = FreePorts.One();
        await File.WriteAllTextAsync(Path.Combine(nginx.ConfDir, NginxConf.HooksFileName), NginxConf.HooksServer("127.0.0.1", paths.HooksSocket, port));
        await nginx.StartAsync();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await nginx.DisposeAsync();
        if (web is not null)
            await web.DisposeAsync();
        dir.Dispose();
    }

    async Task<(HttpStatusCode Status, string Text)> PostAsync(string body, Dictionary<string, string> headers, string path = "/nap/hooks/" + App)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}{path}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers.Where(h => h.Key != "Content-Type"))
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task A_signed_push_passes_nginx_to_the_socket_and_is_answered_202()
    {
        var push = ForgeSamples.GitHubPush();

        var answer = await PostAsync(push, ForgeSamples.Headers(Forge.GitHub, "push", push, hook.Secret, "d-nginx"));

        Assert.Equal((HttpStatusCode.Accepted, "deploying bffeb74"), answer);
        Assert.Equal("d-nginx", Assert.Single(log.Read(App)).Id);
    }

    [Fact]
    public async Task A_body_over_1_mb_is_refused_by_nginx_with_413_and_still_recorded_by_napd_with_its_delivery_id()
    {
        var big = "{\"pad\": \"" + new string('x', 1024 * 1024) + "\"}";

        var answer = await PostAsync(big, ForgeSamples.Headers(Forge.GitHub, "push", big, hook.Secret, "d-big"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        var delivery = Assert.Single(log.Read(App));
        Assert.Equal(("d-big", 413, "push"), (delivery.Id, delivery.Status, delivery.Event));
    }

    [Fact]
    public async Task A_client_cannot_pass_the_too_large_mark_itself()
    {
        var push = ForgeSamples.GitHubPush();
        var headers = ForgeSamples.Headers(Forge.GitHub, "push", push, hook.Secret, "d-marked");
        headers[NginxConf.BodyTooLargeHeader] = "1";

        var answer = await PostAsync(push, headers);

        Assert.Equal(HttpStatusCode.Accepted, answer.Status);
    }

    [Fact]
    public async Task A_flood_from_one_address_is_answered_429_by_nginx_while_a_forge_on_another_address_still_gets_through()
    {
        var floodAnswers = new List<(HttpStatusCode Status, string Text)>();
        for (var i = 0; i < 3 * NginxConf.HooksBurst; i++)
            floodAnswers.Add(await PostAsync("{}", []));
        var push = ForgeSamples.GitHubPush();

        var forge = await PostFromAsync(IPAddress.Parse("127.0.0.2"), push, ForgeSamples.Headers(Forge.GitHub, "push", push, hook.Secret, "d-forge"));

        Assert.Contains(floodAnswers, a => a.Status == HttpStatusCode.TooManyRequests);
        // The burst passes (refused unsigned by napd, 401); what was over it never reached napd at all.
        Assert.True(floodAnswers.Count(a => a.Status == HttpStatusCode.Unauthorized) <= NginxConf.HooksBurst + NginxConf.HooksPerSecond);
        Assert.Equal((HttpStatusCode.Accepted, "deploying bffeb74"), forge);
    }

    // Another address on the loopback (all of 127/8 is local on Linux): a second client as nginx's zone tells them apart.
    async Task<(HttpStatusCode Status, string Text)> PostFromAsync(IPAddress from, string body, Dictionary<string, string> headers)
    {
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/nap/hooks/{App}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers.Where(h => h.Key != "Content-Type"))
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, (await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task Nothing_but_the_hooks_path_is_served_on_the_hosts_address()
    {
        using var response = await http.GetAsync($"http://127.0.0.1:{port}/");
        var get = await http.GetAsync($"http://127.0.0.1:{port}/nap/hooks/{App}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("{}", [], "/nap/hooks/other")).Status);
        Assert.Empty(log.Read(App));
    }
}
