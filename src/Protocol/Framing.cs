using System.Text;
using System.Text.Json;

namespace Nap.Protocol;

/// <summary>One JSON document per line, UTF-8, over the Unix socket.</summary>
public static class Framing
{
    /// <summary>A request line longer than this is refused before parsing.</summary>
    public const int MaxLineBytes = 1 << 20;

    public static string Encode(NapRequest request) => JsonSerializer.Serialize(request, ProtocolJson.Default.NapRequest);

    public static string Encode(NapReply reply) => JsonSerializer.Serialize(reply, ProtocolJson.Default.NapReply);

    public static NapRequest? DecodeRequest(string line) => JsonSerializer.Deserialize(line, ProtocolJson.Default.NapRequest);

    public static NapReply? DecodeReply(string line) => JsonSerializer.Deserialize(line, ProtocolJson.Default.NapReply);

    public static async Task WriteLineAsync(Stream stream, string json, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(json + "\n");
        await stream.WriteAsync(bytes, ct);
        await stream.FlushAsync(ct);
    }
}
