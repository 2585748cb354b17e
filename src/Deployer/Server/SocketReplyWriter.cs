using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Server;

/// <summary>Writes replies to one client; the first failed write means the client is gone and cancels the request.</summary>
sealed class SocketReplyWriter(Stream stream, CancellationTokenSource request) : IReplyWriter
{
    readonly SemaphoreSlim gate = new(1, 1);
    bool gone;

    public Task OutAsync(string line) => WriteAsync(NapReply.Out(line));

    public Task ErrAsync(string line) => WriteAsync(NapReply.Err(line));

    public Task ExitAsync(int code) => WriteAsync(NapReply.Exit(code));

    async Task WriteAsync(NapReply reply)
    {
        await gate.WaitAsync();
        try
        {
            if (gone)
                return;
            // Not the request's token: a cancelled deploy still gets to say why before it exits.
            await Framing.WriteLineAsync(stream, Framing.Encode(reply), CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            gone = true;
            await request.CancelAsync();
        }
        finally
        {
            gate.Release();
        }
    }
}
