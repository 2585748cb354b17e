using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nap.Deployer;
using Nap.Deployer.Config;
using Nap.Protocol;

if (args is [Nap.Deployer.HostCheck.HostCheckCommand.Flag])
    return await Nap.Deployer.HostCheck.HostCheckCommand.RunAsync();
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
builder.Services.AddNapd(paths, config);
await builder.Build().RunAsync();
return 0;
