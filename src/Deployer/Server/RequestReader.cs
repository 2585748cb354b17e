using System.Net.Sockets;
using System.Text;
using Nap.Protocol;

namespace Nap.Deployer.Server;

/// <summary>Reads the one request line of a connection, refusing lines over <see cref="Framing.MaxLineBytes"/>.</summary>
static class RequestReader
{
    public static async Task<(NapRequest? Request, string? Error)> ReadAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[Math.Min(Framing.MaxLineBytes + 1, 64 * 1024)];
        using var line = new MemoryStream();
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (read == 0)
                return (null, "napd: the request ended before its newline");
            var newline = Array.IndexOf(buffer, (byte)'\n', 0, read);
            line.Write(buffer, 0, newline < 0 ? read : newline);
            if (line.Length > Framing.MaxLineBytes)
                return (null, $"napd: request longer than {Framing.MaxLineBytes} bytes");
            if (newline >= 0)
                return Decode(Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length));
        }
    }

    static (NapRequest?, string?) Decode(string json)
    {
        try
        {
            var request = Framing.DecodeRequest(json);
            return request is { Verb: not null, Args: not null, Key: not null } && request.Args.All(a => a is not null)
                ? (request, null)
                : (null, "napd: the request lacks verb, args or key");
        }
        catch (System.Text.Json.JsonException e)
        {
            return (null, "napd: the request is not valid JSON: " + e.Message.ReplaceLineEndings(" "));
        }
    }
}
