using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Nap.Deployer.Docker;

/// <summary>
/// The engine's multiplexed log stream as lines. Each frame is an 8-byte header (the stream: 1 stdout, 2 stderr, 3 the
/// engine's own errors, such as a node it could not read; then the length, big-endian) and that many bytes. Read here
/// rather than with Docker.DotNet's MultiplexedStream, which fails the whole read on a stream-3 frame. A frame may hold
/// part of a line or several, so each stream keeps its own unfinished line.
/// </summary>
public static class ServiceLogStream
{
    const int SystemError = 3;

    /// <summary>A line longer than this (an app that never writes a newline) is cut here rather than held whole.</summary>
    public const int MaxLine = 64 * 1024;

    /// <exception cref="DockerSwarmException">The stream broke before its end (not a cancellation): why.</exception>
    public static async IAsyncEnumerable<ServiceLogLine> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        var header = new byte[8];
        var pending = new Dictionary<int, List<byte>>();
        // A followed stream's read may not end on cancellation: it ends when the stream is closed under it.
        await using var closing = ct.Register(stream.Dispose);
        while (await FillAsync(stream, header, ct))
        {
            var target = header[0];
            var body = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4))];
            if (!await FillAsync(stream, body, ct))
                throw new DockerSwarmException("the engine's log stream ended inside a frame");
            var line = pending.TryGetValue(target, out var started) ? started : pending[target] = [];
            foreach (var b in body)
            {
                if (b != (byte)'\n' && line.Count < MaxLine)
                {
                    line.Add(b);
                    continue;
                }
                yield return Line(target, line);
                // The rest of a cut line is still that task's: it keeps the line's time and details.
                var head = b == (byte)'\n' ? [] : Head(line);
                line.Clear();
                if (b != (byte)'\n')
                    line.AddRange([.. head, b]);
            }
        }
        foreach (var (target, line) in pending.Where(p => p.Value.Count > 0))
            yield return Line(target, line);
    }

    /// <summary>`TIME DETAILS ` of a line, up to and with its second space; empty when it has none near its start.</summary>
    static byte[] Head(List<byte> line)
    {
        var first = line.IndexOf((byte)' ');
        var second = first < 0 ? -1 : line.IndexOf((byte)' ', first + 1);
        return second is > 0 and < 1024 ? [.. line[..(second + 1)]] : [];
    }

    static ServiceLogLine Line(int target, List<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.ToArray()).TrimEnd('\r');
        return target == SystemError ? ServiceLogLine.Engine(text) : ServiceLogLine.Parse(text);
    }

    /// <returns>False at the stream's end before the first byte.</returns>
    static async Task<bool> FillAsync(Stream stream, byte[] buffer, CancellationToken ct)
    {
        try
        {
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            if (read == 0 && buffer.Length > 0)
                return false;
            return read == buffer.Length ? true : throw new DockerSwarmException("the engine's log stream ended inside a frame");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or HttpRequestException)
        {
            ct.ThrowIfCancellationRequested();
            throw new DockerSwarmException($"the engine's log stream broke: {e.Message}");
        }
    }
}
