using System.Buffers.Binary;
using System.Net.Sockets;

namespace Nap.Deployer.Server;

/// <summary>The connecting process's ids, as the kernel reports them (SO_PEERCRED): they cannot be forged.</summary>
public sealed record PeerCredentials(int Pid, int Uid, int Gid)
{
    const int SolSocket = 1;
    const int SoPeerCred = 17;

    public static PeerCredentials Of(Socket socket)
    {
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        Span<byte> ucred = stackalloc byte[12];
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        if (length < 12)
            throw new SocketException((int)SocketError.ProtocolNotSupported);
        return new(
            BinaryPrimitives.ReadInt32LittleEndian(ucred),
            BinaryPrimitives.ReadInt32LittleEndian(ucred[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(ucred[8..]));
    }
}
