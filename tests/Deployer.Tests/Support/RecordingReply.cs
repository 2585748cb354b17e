using Nap.Deployer.Verbs;

namespace Nap.Deployer.Tests.Support;

/// <summary>The lines a verb wrote to its client, stdout and stderr in one list, in order.</summary>
public sealed class RecordingReply : IReplyWriter
{
    readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
                return lines.ToArray();
        }
    }

    public Task OutAsync(string line) => Add(line);

    public Task ErrAsync(string line) => Add(line);

    Task Add(string line)
    {
        lock (lines)
            lines.Add(line);
        return Task.CompletedTask;
    }
}
