namespace Nap.Deployer.Systemd;

/// <summary>What napd reads of journald: the build's lines as they come, an app's log, the last lines of a failure.</summary>
public interface IJournal
{
    /// <summary>The journal's newest cursor: entries after it are the ones still to come.</summary>
    Task<string?> CursorAsync(CancellationToken ct);

    IAsyncEnumerable<JournalEntry> ReadAsync(JournalQuery query, CancellationToken ct);
}
