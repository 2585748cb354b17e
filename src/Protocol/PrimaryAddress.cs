using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Net;

namespace Nap.Protocol;

/// <summary>The host's primary IPv4: the source address of its default route.</summary>
public static class PrimaryAddress
{
    public static string Find()
    {
        try
        {
            // connect() on UDP sends nothing; it only makes the kernel pick a route and a source address.
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(IPAddress.Parse("192.0.2.1"), 9);
            if (probe.LocalEndPoint is IPEndPoint { Address: var local } && !local.Equals(IPAddress.Any))
                return local.ToString();
        }
        catch (SocketException)
        {
            // No default route: fall back to the first interface address.
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)?.ToString() ?? "127.0.0.1";
    }
}
