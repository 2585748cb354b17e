using System.Net.Sockets;
using System.Net;
using Nap.Deployer.Apps;
using Nap.Deployer.Builds;
using Nap.Deployer.Ports;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Ports;

public sealed class PortAllocatorSpecs : IDisposable
{
    readonly List<TcpListener> held = [];

    static readonly IReadOnlySet<int> None = new HashSet<int>();

    // A range of ports none of which is in use right now, on this machine.
    static PortRange FreeRange(int size)
    {
        for (var first = 41000 + Random.Shared.Next(0, 200) * 50; ; first += size)
            if (Enumerable.Range(first, size).All(PortProbe.IsFree))
                return new PortRange(first, first + size - 1);
    }

    int Hold(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        held.Add(listener);
        return port;
    }

    [Fact]
    public void A_new_app_gets_a_port_of_the_app_range_that_nothing_listens_on()
    {
        var apps = FreeRange(3);
        Hold(apps.First);
        Hold(apps.First + 1);
        var allocator = new PortAllocator(apps, FreeRange(3));

        Assert.Equal(apps.Last, allocator.ForApp("web", null, None));
    }

    [Fact]
    public void An_app_keeps_its_port_even_though_nginx_holds_it()
    {
        var apps = FreeRange(3);
        var allocator = new PortAllocator(apps, FreeRange(3));

        Assert.Equal(Hold(apps.First + 1), allocator.ForApp("web", apps.First + 1, None));
    }

    [Fact]
    public void A_port_another_app_has_recorded_is_not_given_out_even_while_its_app_is_stopped()
    {
        var apps = FreeRange(2);
        var allocator = new PortAllocator(apps, FreeRange(2));

        var port = allocator.ForApp("web", null, new HashSet<int> { apps.First });

        Assert.Equal(apps.Last, port);
    }

    [Fact]
    public void Two_deploys_that_have_not_recorded_their_ports_yet_never_get_the_same_one()
    {
        var releases = FreeRange(4);
        var allocator = new PortAllocator(FreeRange(2), releases);

        var ports = Enumerable.Range(0, 4).Select(i => allocator.ForRelease("app" + i, [], None, None)).ToArray();

        Assert.Equal(4, ports.Distinct().Count());
        Assert.All(ports, p => Assert.True(releases.Contains(p)));
    }

    [Fact]
    public void A_forgotten_port_can_be_handed_out_again()
    {
        var allocator = new PortAllocator(FreeRange(1), FreeRange(1));
        var port = allocator.ForRelease("web", [], None, None);

        allocator.Release(port);

        Assert.Equal(port, allocator.ForRelease("web", [], None, None));
    }

    [Fact]
    public void A_new_release_reuses_an_earlier_release_port_of_its_app_but_never_the_running_one()
    {
        var releases = FreeRange(10);
        var (older, running) = (releases.First + 7, releases.First + 3);
        Hold(running);
        var allocator = new PortAllocator(FreeRange(2), releases);

        var port = allocator.ForRelease("web", [running, older], new HashSet<int> { running }, new HashSet<int> { running, older });

        Assert.Equal(older, port);
    }

    [Fact]
    public void An_earlier_release_port_that_something_else_took_is_skipped()
    {
        var releases = FreeRange(10);
        var older = Hold(releases.First + 7);
        var allocator = new PortAllocator(FreeRange(2), releases);

        var port = allocator.ForRelease("web", [older], None, new HashSet<int> { older });

        Assert.NotEqual(older, port);
        Assert.True(PortProbe.IsFree(port));
    }

    [Fact]
    public void A_full_range_fails_with_the_setting_to_widen()
    {
        var releases = FreeRange(2);
        Hold(releases.First);
        Hold(releases.Last);
        var allocator = new PortAllocator(FreeRange(2), releases);

        var error = Assert.Throws<PortsExhaustedException>(() => allocator.ForRelease("web", [], None, None));

        Assert.Contains("releasePorts", error.Message);
        Assert.Contains("napd.json", error.Message);
    }

    [Fact]
    public void The_probe_sees_a_port_held_on_the_loopback_address_only()
    {
        var port = FreeRange(1).First;
        Assert.True(PortProbe.IsFree(port));

        Hold(port);

        Assert.False(PortProbe.IsFree(port));
    }

    public void Dispose()
    {
        foreach (var listener in held)
            listener.Stop();
    }
}
