using System.Net;
using CliWrap;
using CliWrap.Buffered;
using Nap.Deployer.Apps;
using Nap.Deployer.Docker;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Docker;

public sealed class DockerNetworksSpecs(DockerFixture docker) : IClassFixture<DockerFixture>
{
    // A block of the specs' own, away from napd's default: the machine's docker may run a real nap too.
    static readonly SubnetPool Pool = new(IPNetwork.Parse("10.219.0.0/16"));

    static string NewApp() => "specs" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task An_apps_network_is_made_once_labelled_with_the_app_and_removed_with_it()
    {
        var app = NewApp();
        var network = ReleaseNames.Network(app);
        // A network whose name only contains the app's: docker's name filter matches it, napd must not.
        await docker.Engine.EnsureNetworkAsync(network + "x", app + "x", Pool, default);
        try
        {
            await docker.Engine.EnsureNetworkAsync(network, app, Pool, default);
            await docker.Engine.EnsureNetworkAsync(network, app, Pool, default);

            Assert.Equal($"{network} bridge", await NetworksAsync($"label=nap.app={app}", "{{.Name}} {{.Driver}}"));
        }
        finally
        {
            await docker.Engine.RemoveNetworkAsync(network, default);
            await docker.Engine.RemoveNetworkAsync(network, default);
            await docker.Engine.RemoveNetworkAsync(network + "x", default);
        }
        Assert.Equal("", await NetworksAsync($"name={network}", "{{.Name}}"));
    }

    [Fact]
    public async Task Each_app_gets_a_subnet_of_its_own_from_napds_block_and_a_full_block_is_named_in_the_error()
    {
        // Two /26 in this block: two apps fit, a third does not.
        var pool = new SubnetPool(IPNetwork.Parse("10.218.7.0/25"));
        string[] apps = [NewApp(), NewApp(), NewApp()];
        try
        {
            await docker.Engine.EnsureNetworkAsync(ReleaseNames.Network(apps[0]), apps[0], pool, default);
            await docker.Engine.EnsureNetworkAsync(ReleaseNames.Network(apps[1]), apps[1], pool, default);
            var full = await Assert.ThrowsAsync<DockerNetworkException>(() =>
                docker.Engine.EnsureNetworkAsync(ReleaseNames.Network(apps[2]), apps[2], pool, default));

            Assert.Equal("10.218.7.0/26", await SubnetAsync(apps[0]));
            Assert.Equal("10.218.7.64/26", await SubnetAsync(apps[1]));
            Assert.Equal($"no /26 is left in 10.218.7.0/25 for network nap-{apps[2]}: give appNetworks in /etc/nap/napd.json a larger block, or destroy unused apps", full.Message);
        }
        finally
        {
            foreach (var app in apps)
                await docker.Engine.RemoveNetworkAsync(ReleaseNames.Network(app), default);
        }
    }

    static async Task<string> SubnetAsync(string app) =>
        (await Cli.Wrap("docker").WithArguments(["network", "inspect", ReleaseNames.Network(app), "--format", "{{range .IPAM.Config}}{{.Subnet}}{{end}}"]).ExecuteBufferedAsync()).StandardOutput.Trim();

    static async Task<string> NetworksAsync(string filter, string format) =>
        (await Cli.Wrap("docker").WithArguments(["network", "ls", "--filter", filter, "--format", format]).ExecuteBufferedAsync()).StandardOutput.Trim();
}
