using System.Net.Sockets;
using System.Net;

namespace Nap.Deployer.Ports;

/// <summary>Asks the kernel, the only one that knows, whether a port is free: by binding it.</summary>
public static class PortProbe
{
    /// <summary>
    /// True when nothing listens on the port on any address. Binding the wildcard address fails
    /// when anyone holds the port on a single address too, so one bind answers for all of them.
    /// </summary>
    public static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
