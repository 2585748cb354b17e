using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Deploys;

/// <summary>
/// Runs the build unit and relays its journal to the pusher while it runs, Heroku style
/// (indented lines). journald receives the unit's output asynchronously, so after the unit
/// ends it keeps reading until systemd's own "finished"/"failed" entry for the job arrives.
/// </summary>
public sealed class BuildLog(ISystemd systemd)
{
    public const string Indent = "       ";

    static readonly TimeSpan TailWait = TimeSpan.FromSeconds(2);
    static readonly TimeSpan TailPoll = TimeSpan.FromMilliseconds(15);

    /// <returns>null when the build succeeded, else systemd's reason.</returns>
    public async Task<string?> RunAsync(string unit, IReplyWriter reply, CancellationToken ct)
    {
        // Builds of one app run under its lock: a build unit still running now was left by a napd that
        // died (SIGKILL, crash), and this start job would merge into it and report its result: stop it first.
        var state = systemd.IsActiveAsync(unit, ct);
        var journalEnd = systemd.JournalCursorAsync(ct);
        await Task.WhenAll((Task)state, journalEnd);
        var cursor = await journalEnd;
        if (await state is "active" or "activating" or "reloading")
        {
            try
            {
                await systemd.RunAsync(UnitAction.Stop, unit, ct);
            }
            catch (SystemdException)
            {
                // It ended by itself meanwhile.
            }
            // The stop's own entries are not this build's.
            cursor = await systemd.JournalCursorAsync(ct);
        }
        var query = new JournalQuery(unit, cursor, cursor is null ? 0 : null, Follow: true);
        var tail = new Tail(cursor);
        using var follow = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var relay = Task.Run(async () =>
        {
            await foreach (var entry in systemd.JournalAsync(query, follow.Token))
                await tail.RelayAsync(entry, reply);
        }, CancellationToken.None);

        string? failure = null;
        try
        {
            await systemd.RunAsync(UnitAction.Start, unit, ct);
        }
        catch (SystemdException e)
        {
            failure = e.Message.ReplaceLineEndings(" ");
        }
        finally
        {
            // journalctl --follow learns of new entries up to ~0.5 s late (journald batches its change
            // notifications); a plain read sees them at once. So the follow stops here and the last
            // lines, up to systemd's entry for the job's end, are read directly.
            if (!ct.IsCancellationRequested && tail.Cursor is null)
                await Task.WhenAny(tail.JobEnded, relay, Task.Delay(TailWait, CancellationToken.None));
            await follow.CancelAsync();
            try
            {
                await relay;
            }
            catch (OperationCanceledException)
            {
                // The follow was ended on purpose.
            }
        }
        if (!ct.IsCancellationRequested && tail.Cursor is not null)
            await ReadTailAsync(unit, tail, reply, ct);
        return failure;
    }

    async Task ReadTailAsync(string unit, Tail tail, IReplyWriter reply, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TailWait;
        while (!tail.JobEnded.IsCompleted && DateTime.UtcNow < deadline)
        {
            await foreach (var entry in systemd.JournalAsync(new JournalQuery(unit, tail.Cursor), ct))
                await tail.RelayAsync(entry, reply);
            if (!tail.JobEnded.IsCompleted)
                await Task.Delay(TailPoll, ct);
        }
    }

    /// <summary>Where the relay is: the last entry passed on, and whether systemd's end-of-job entry came.</summary>
    sealed class Tail(string? cursor)
    {
        readonly TaskCompletionSource jobEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? Cursor { get; private set; } = cursor;

        public Task JobEnded => jobEnded.Task;

        public async Task RelayAsync(JournalEntry entry, IReplyWriter reply)
        {
            if (!entry.FromManager)
                await reply.OutAsync(Indent + entry.Message);
            else if (entry.JobResult is not null)
                jobEnded.TrySetResult();
            Cursor = entry.Cursor ?? Cursor;
        }
    }
}
