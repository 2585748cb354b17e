using System.Net;
using System.Net.Sockets;

namespace Nap.Host.Tests;

/// <summary>A port on this machine's loopback that nothing listens on, for the local end of an ssh forward.</summary>
static class LocalPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
