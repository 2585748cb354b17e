using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nap.Deployer.Builds;
using Nap.Deployer.Server;
using Nap.Deployer.Settings;
using Nap.Deployer.Unix;
using Nap.Deployer;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Support;

/// <summary>
/// A real napd in the test process: its socket in a temp runtime dir, real files, real git.
/// The peer policy treats this process's uid as the nap user, so requests go through the key path
/// (authorized_keys lookup) even though the specs run as root.
/// </summary>
public sealed class TestNapd : IAsyncDisposable
{
    readonly IHost host;

    TestNapd(TestDir dir, NapPaths paths, NapdConfig config, IHost host)
    {
        Dir = dir;
        Paths = paths;
        Config = config;
        this.host = host;
    }

    public TestDir Dir { get; }
    public NapPaths Paths { get; }
    public NapdConfig Config { get; }
    public IServiceProvider Services => host.Services;

    public T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();

    public static async Task<TestNapd> StartAsync(Action<IServiceCollection>? configure = null, Func<NapdConfig, NapdConfig>? config = null, PeerPolicy? policy = null, Action<TestDir>? configureDir = null, Func<TestDir, UnixAccounts>? configureAccounts = null)
    {
        var dir = new TestDir();
        configureDir?.Invoke(dir);
        var paths = new NapPaths(dir.Sub("data"), dir.Sub("etc"), System.IO.Path.Combine(dir.Path, "run"));
        File.WriteAllText(paths.AuthorizedKeys, Keys.AuthorizedKeys());
        var napdConfig = (config ?? (c => c))(new NapdConfig().WithPublicAddress("192.0.2.7"));

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddNapd(paths, napdConfig);
        // Only the socket server: the deploy pipeline's background work needs the host testbed.
        builder.Services.RemoveAll<IHostedService>();
        builder.Services.AddHostedService<SocketServer>();
        builder.Services.AddSingleton(policy ?? new PeerPolicy(RootUid: null, NapUid: OwnUid()));
        if (configureAccounts is not null)
            builder.Services.AddSingleton(configureAccounts(dir));
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestNapd(dir, paths, napdConfig, host);
    }

    public Task<Answer> SendAsync(string key, string verb, params string[] args) =>
        SendAsync(new NapRequest(verb, args, key));

    public async Task<Answer> SendAsync(NapRequest request, CancellationToken ct = default)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await NapClient.SendAsync(Paths.Socket, request, stdout, stderr, ct);
        return new Answer(code, stdout.ToString().Replace("\r", ""), stderr.ToString().Replace("\r", ""));
    }

    public static int OwnUid() =>
        int.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        Dir.Dispose();
    }
}
