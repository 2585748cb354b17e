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
// napd's heap, taken again for every directory a build creates. No web host either: the webhooks' Kestrel
// starts only on a host with hooks (Hooks/HooksServer).
var builder = Host.CreateEmptyApplicationBuilder(settings: null);
builder.Logging.AddConsole();
// Kestrel's per-request lines would flood the journal with every delivery; napd logs each one itself.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
// Type=notify and journald's log format under systemd; nothing otherwise.
builder.Services.AddSystemd();
builder.Services.KeepForNapd();
builder.Services.AddNapd(paths, config);
await builder.Build().RunAsync();
return 0;
