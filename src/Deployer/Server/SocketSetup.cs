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

        // bind() makes the file, listen() makes it answer: bound beside it and renamed into place once listening, the
        // path never names a socket that refuses connections (a push racing napd's start would hear "not running").
        var staging = path + ".new";
        if (File.Exists(staging))
            File.Delete(staging);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(staging));
            File.SetUnixFileMode(staging, SocketMode);
            if (accounts.GroupId(UnixAccounts.NapGroup) is { } gid)
                Ownership.Change(staging, -1, gid);
            socket.Listen(128);
            File.Move(staging, path, overwrite: true);
            return socket;
        }
        catch
        {
            socket.Dispose();
            if (File.Exists(staging))
                File.Delete(staging);
            throw;
        }
    }
}
