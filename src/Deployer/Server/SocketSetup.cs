using System.Net.Sockets;
using Nap.Deployer.Unix;

namespace Nap.Deployer.Server;

/// <summary>Creates the listening socket with the rights that make it napd's only access control on the host.</summary>
public sealed class SocketSetup(UnixAccounts accounts)
{
    const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    public Socket Listen(string path)
    {
        var dir = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(dir);
        // A socket file left by a crashed napd would make bind fail with "address in use".
        if (File.Exists(path))
            File.Delete(path);

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(path));
            File.SetUnixFileMode(path, SocketMode);
            if (accounts.GroupId(UnixAccounts.NapGroup) is { } gid)
                Ownership.Change(path, -1, gid);
            socket.Listen(128);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
