using System.Text;
using CliWrap;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Steps;

/// <summary>
/// A step's stdout and stderr, line by line, to the pusher as they come (indented, as build lines), keeping the last
/// ones for a failure's report. A tenant's process writes them: a line is cut at <see cref="MaxLineBytes"/>, so one
/// endless line cannot fill napd's memory, and control characters become '?' (no escape sequence, no forged line);
/// other text is kept as the build's lines are, UTF-8 included.
/// </summary>
public sealed class StepOutput(IReplyWriter reply, int keep)
{
    public const int MaxLineBytes = 4096;

    readonly SemaphoreSlim gate = new(1, 1);
    readonly Queue<string> last = new();

    public IReadOnlyList<string> LastLines => [.. last];

    public PipeTarget Target => PipeTarget.Create(async (stream, ct) =>
    {
        var line = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == (byte)'\n')
                {
                    await RelayAsync(line);
                    line.SetLength(0);
                }
                else if (line.Length < MaxLineBytes)
                    line.WriteByte(buffer[i]);
            }
        if (line.Length > 0)
            await RelayAsync(line);
    });

    static string Printable(string text) => string.Create(text.Length, text, (span, s) =>
    {
        for (var i = 0; i < s.Length; i++)
            span[i] = char.IsControl(s[i]) && s[i] != '\t' ? '?' : s[i];
    });

    async Task RelayAsync(MemoryStream bytes)
    {
        var text = Printable(Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length).TrimEnd('\r'));
        await gate.WaitAsync(CancellationToken.None);
        try
        {
            last.Enqueue(text);
            if (last.Count > keep)
                last.Dequeue();
            await reply.DetailAsync(text);
        }
        finally
        {
            gate.Release();
        }
    }
}
