using Microsoft.Extensions.Hosting;
using Nap.Deployer;
using Nap.Deployer.HostCheck;
using Nap.Deployer.Server;
using Nap.Deployer.Settings;
using Nap.Protocol;

if (args is [HostCheckCommand.Flag])
    return await HostCheckCommand.RunAsync();
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

var builder = Host.CreateApplicationBuilder(args);
// Type=notify and journald's log format under systemd; nothing otherwise.
builder.Services.AddSystemd();
builder.Services.KeepForNapd();
builder.Services.AddNapd(paths, config);
await builder.Build().RunAsync();
return 0;
