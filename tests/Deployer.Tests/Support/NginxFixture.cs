using CliWrap.Buffered;
using CliWrap;
using Nap.Deployer.Nginx;

namespace Nap.Deployer.Tests.Support;

/// <summary>
/// Debian's nginx binary with a configuration of its own in a temp dir (conf.d included as on a host),
/// so `nginx -t` is the real check; <see cref="StartAsync"/> also runs it as a plain process.
/// </summary>
public sealed class NginxFixture : IAsyncDisposable
{
    public NginxFixture()
    {
        Root = Directory.CreateTempSubdirectory("nap-nginx-").FullName;
        ConfDir = Directory.CreateDirectory(Path.Combine(Root, "conf.d")).FullName;
        Directory.CreateDirectory(Path.Combine(Root, "tmp"));
        File.WriteAllText(MainFile, $$"""
            pid {{Root}}/nginx.pid;
            worker_processes 1;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{Root}}/tmp/body;
                proxy_temp_path {{Root}}/tmp/proxy;
                fastcgi_temp_path {{Root}}/tmp/fastcgi;
                uwsgi_temp_path {{Root}}/tmp/uwsgi;
                scgi_temp_path {{Root}}/tmp/scgi;
                include {{ConfDir}}/*.conf;
            }
            """);
        Options = new NginxOptions(ConfDir).WithGlobalArguments(Global);
    }

    public string Root { get; }
    public string ConfDir { get; }
    string MainFile => Path.Combine(Root, "nginx.conf");
    string[] Global => ["-c", MainFile, "-e", Path.Combine(Root, "error.log")];

    /// <summary>Only checks: nothing runs, nothing is reloaded.</summary>
    public NginxOptions Options { get; }

    /// <summary>Checks and reloads the nginx started by <see cref="StartAsync"/>.</summary>
    public NginxOptions Running => Options.WithPidFile(Path.Combine(Root, "nginx.pid"));

    bool started;

    public async Task StartAsync()
    {
        await Cli.Wrap("nginx").WithArguments(Global).ExecuteBufferedAsync();
        started = true;
        // nginx returns once it has forked; its daemon writes the pid file a moment later.
        for (var i = 0; i < 100 && !File.Exists(Path.Combine(Root, "nginx.pid")); i++)
            await Task.Delay(50);
    }

    public async ValueTask DisposeAsync()
    {
        if (started)
            await Cli.Wrap("nginx").WithArguments(["-s", "quit", .. Global]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        for (var i = 0; i < 50 && File.Exists(Path.Combine(Root, "nginx.pid")); i++)
            await Task.Delay(100);
        Directory.Delete(Root, recursive: true);
    }
}
