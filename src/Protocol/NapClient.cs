using System.Net.Sockets;
using System.Text;

namespace Nap.Protocol;

/// <summary>Sends one request to napd and relays its replies as they arrive.</summary>
public static class NapClient
{
    /// <returns>napd's exit code; 1 with a message when napd cannot be reached or hangs up early.</returns>
    public static async Task<int> SendAsync(string socketPath, NapRequest request, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
        }
        catch (SocketException e)
        {
            await stderr.WriteLineAsync($"nap: the nap daemon is not reachable at {socketPath} ({e.SocketErrorCode}): ask the host's admin to check 'systemctl status napd'");
            return 1;
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await Framing.WriteLineAsync(stream, Framing.Encode(request), ct);

        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var reply = Framing.DecodeReply(line);
            switch (reply?.Kind)
            {
                case ReplyKind.Out:
                    await stdout.WriteLineAsync(reply.Text);
                    await stdout.FlushAsync(ct);
                    break;
                case ReplyKind.Err:
                    await stderr.WriteLineAsync(reply.Text);
                    await stderr.FlushAsync(ct);
                    break;
                case ReplyKind.Exit:
                    return reply.Code;
            }
        }

        await stderr.WriteLineAsync("nap: the nap daemon hung up before finishing: see 'journalctl -u napd' on the host");
        return 1;
    }
}
