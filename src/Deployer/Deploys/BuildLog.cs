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

    /// <returns>null when the build succeeded, else systemd's reason.</returns>
    public async Task<string?> RunAsync(string unit, IReplyWriter reply, CancellationToken ct)
    {
        // Builds of one app run under its lock: a build unit still running now was left by a napd that
        // died (SIGKILL, crash), and this start job would merge into it and report its result: stop it first.
        if (await systemd.IsActiveAsync(unit, ct) is "active" or "activating" or "reloading")
        {
            try
            {
                await systemd.RunAsync(UnitAction.Stop, unit, ct);
            }
            catch (SystemdException)
            {
                // It ended by itself meanwhile.
            }
        }
        var cursor = await systemd.JournalCursorAsync(ct);
        var query = new JournalQuery(unit, cursor, cursor is null ? 0 : null, Follow: true);
        var jobEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var follow = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var relay = Task.Run(async () =>
        {
            await foreach (var entry in systemd.JournalAsync(query, follow.Token))
            {
                if (!entry.FromManager)
                    await reply.OutAsync(Indent + entry.Message);
                else if (entry.JobResult is not null)
                    jobEnded.TrySetResult();
            }
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
            if (!ct.IsCancellationRequested)
                await Task.WhenAny(jobEnded.Task, relay, Task.Delay(TailWait, CancellationToken.None));
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
        return failure;
    }
}
