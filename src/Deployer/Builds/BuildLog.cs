using System.Text.RegularExpressions;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Builds;

/// <summary>
/// Runs the build unit and relays its journal to the pusher while it runs, Heroku style
/// (indented lines). journald receives the unit's output asynchronously, so after the unit
/// ends it keeps reading until systemd's own "finished"/"failed" entry for the job arrives.
/// </summary>
public sealed partial class BuildLog(ISystemd systemd, IJournal journal)
{
    static readonly TimeSpan TailWait = TimeSpan.FromSeconds(2);
    static readonly TimeSpan TailPoll = TimeSpan.FromMilliseconds(15);

    /// <summary>Where the journal ends and whether the unit runs: it only reads, so it may run beside the checkout.</summary>
    public async Task<Start> PrepareAsync(string unit, CancellationToken ct)
    {
        var state = systemd.StateAsync(unit, ct);
        var journalEnd = journal.CursorAsync(ct);
        await Task.WhenAll(state, journalEnd);
        return new Start(unit, await journalEnd, (await state).IsRunning);
    }

    /// <summary>The journal's end and the build unit's state before a build, from <see cref="PrepareAsync"/>.</summary>
    public sealed record Start(string Unit, string? Cursor, bool Running);

    /// <summary>How a build ended: <paramref name="Failure"/> is null when it succeeded, else systemd's reason.</summary>
    /// <param name="Output">
    /// The build's last lines on their way to the pusher: done already for a failed build; for one that
    /// succeeded, the caller may start the release meanwhile, and awaits it before saying anything more.
    /// </param>
    /// <param name="Signs">What the build's own lines said of its limits; complete for a failed build.</param>
    public sealed record Outcome(string? Failure, Task Output, LimitSigns Signs);

    public async Task<Outcome> RunAsync(Start start, IReplyWriter reply, CancellationToken ct)
    {
        var (unit, cursor, running) = start;
        // Builds of one app run under its lock: a build unit still running now was left by a napd that
        // died (SIGKILL, crash), and this start job would merge into it and report its result: stop it first.
        if (running)
        {
            try
            {
                await systemd.StopAsync(unit, ct);
            }
            catch (SystemdException)
            {
                // It ended by itself meanwhile.
            }
            // The stop's own entries are not this build's.
            cursor = await journal.CursorAsync(ct);
        }
        var query = new JournalQuery(unit, cursor, cursor is null ? 0 : null, Follow: true);
        var tail = new Tail(cursor);
        var follow = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var relay = Task.Run(async () =>
        {
            await foreach (var entry in journal.ReadAsync(query, follow.Token))
                await tail.RelayAsync(entry, reply, fromFollow: true);
        }, CancellationToken.None);

        string? failure = null;
        try
        {
            await systemd.StartAsync(unit, ct);
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
            await tail.EndFollowAsync();
            _ = EndAsync(follow, relay);
        }
        var output = !ct.IsCancellationRequested && tail.Cursor is not null ? ReadTailAsync(unit, tail, reply, ct) : Task.CompletedTask;
        if (failure is not null)
            await output;
        return new Outcome(failure, output, tail.Signs);
    }

    /// <summary>
    /// Stops the follow off the push's path: its relay is quiet already (<see cref="Tail.EndFollowAsync"/>),
    /// and CliWrap kills journalctl's process tree inside Cancel, which takes ~50 ms.
    /// </summary>
    static async Task EndAsync(CancellationTokenSource follow, Task relay)
    {
        await Task.Yield();
        try
        {
            await follow.CancelAsync();
            await relay;
        }
        catch (Exception)
        {
            // Cancelled on purpose, or the pusher went away: the direct reads have taken over either way.
        }
        finally
        {
            follow.Dispose();
        }
    }

    async Task ReadTailAsync(string unit, Tail tail, IReplyWriter reply, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TailWait;
        while (!tail.JobEnded.IsCompleted && DateTime.UtcNow < deadline)
        {
            await foreach (var entry in journal.ReadAsync(new JournalQuery(unit, tail.Cursor), ct))
                await tail.RelayAsync(entry, reply);
            if (!tail.JobEnded.IsCompleted)
                await Task.Delay(TailPoll, ct);
        }
    }

    // Docker 20.10's BuildKit prints each step's digest on a line of its own: noise to the pusher (the
    // journal keeps it), and no longer printed by docker's later releases.
    [GeneratedRegex("^#[0-9]+ sha256:[0-9a-f]{64}$")]
    private static partial Regex VertexDigest();

    /// <summary>Where the relay is: the last entry passed on, and whether systemd's end-of-job entry came.</summary>
    sealed class Tail(string? cursor)
    {
        readonly TaskCompletionSource jobEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly SemaphoreSlim gate = new(1, 1);
        bool followEnded;

        public string? Cursor { get; private set; } = cursor;

        public LimitSigns Signs { get; private set; } = new();

        public Task JobEnded => jobEnded.Task;

        public async Task RelayAsync(JournalEntry entry, IReplyWriter reply, bool fromFollow = false)
        {
            await gate.WaitAsync(CancellationToken.None);
            try
            {
                if (fromFollow && followEnded)
                    return;
                if (!entry.FromManager && !VertexDigest().IsMatch(entry.Message))
                {
                    Signs = Signs.Seen(entry.Message);
                    await reply.DetailAsync(entry.Message);
                }
                else if (entry.JobResult is not null)
                    jobEnded.TrySetResult();
                Cursor = entry.Cursor ?? Cursor;
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>Once this returns, no entry of the follow reaches the pusher: the direct reads go on from <see cref="Cursor"/>.</summary>
        public async Task EndFollowAsync()
        {
            await gate.WaitAsync(CancellationToken.None);
            followEnded = true;
            gate.Release();
        }
    }
}
