using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nap.Deployer;
using Nap.Deployer.Server;
using Nap.Deployer.Settings;
using Nap.Protocol;

if (await NapdUsage.RunAsync(args) is { } exitCode)
    return exitCode;
var paths = NapPaths.FromEnvironment();
NapdConfig config;
try
{
    config = NapdConfigReader.Read(paths.ConfigFile);
}
catch (NapdConfigReader.ConfigException e)
{
    // One line, so `systemctl status napd` shows the whole reason.
    Console.Error.WriteLine("napd: " + e.Message);
    return 2;
}

// No default configuration: napd reads napd.json only. The default builder watches appsettings.json in the
// content root with a recursive FileSystemWatcher, and under systemd the content root is `/`: one inotify
// watch per directory on the host (46,000 with 50 apps and their images), each costing kernel memory and
// napd's heap, taken again for every directory a build creates. The empty web builder is the same host with
// nothing added but what is asked for below: Kestrel's core on one Unix socket, for the forges' webhooks.
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
builder.Logging.AddConsole();
// Kestrel's per-request lines would flood the journal with every delivery; napd logs each one itself.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
// Type=notify and journald's log format under systemd; nothing otherwise.
builder.Services.AddSystemd();
builder.Services.KeepForNapd();
builder.Services.AddNapd(paths, config);
builder.WebHost.UseHooksSocket(paths);
var app = builder.Build();
app.Run(HooksSocket.Serve);
await app.RunAsync();
return 0;
