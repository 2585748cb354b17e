using Microsoft.Extensions.Logging;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Hooks;

/// <summary>A hook's deploy has no pusher to tell: its lines go to napd's journal, and the last ones to the delivery log.</summary>
public sealed partial class JournalReply(ILogger logger, string app) : IReplyWriter
{
    const int Kept = 20;
    readonly Queue<string> last = new();

    public IReadOnlyList<string> LastLines
    {
        get
        {
            lock (last)
                return [.. last];
        }
    }

    public Task OutAsync(string line) => Write(line, error: false);

    public Task ErrAsync(string line) => Write(line, error: true);

    Task Write(string line, bool error)
    {
        lock (last)
        {
            last.Enqueue(line);
            if (last.Count > Kept)
                last.Dequeue();
        }
        if (error)
            LogProblem(logger, app, line);
        else
            LogLine(logger, app, line);
        return Task.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "hook deploy of {App}: {Line}")]
    static partial void LogLine(ILogger logger, string app, string line);

    [LoggerMessage(LogLevel.Warning, "hook deploy of {App}: {Line}")]
    static partial void LogProblem(ILogger logger, string app, string line);
}
