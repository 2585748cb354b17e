namespace Nap.Deployer.Systemd;

/// <summary>
/// Everything napd asks of systemd and journald. One seam, so the pipeline can be exercised
/// without a systemd (tests), and so every call goes through argv arrays, never a shell.
/// </summary>
public interface ISystemd
{
    Task DaemonReloadAsync(CancellationToken ct);

    /// <summary>Runs <c>systemctl ACTION UNIT</c>; a non-zero exit throws <see cref="SystemdException"/> with systemctl's message.</summary>
    Task RunAsync(UnitAction action, string unit, CancellationToken ct);

    /// <summary>systemctl is-active: "active", "inactive", "failed", "activating", ...; never throws for a unit that does not exist.</summary>
    Task<string> IsActiveAsync(string unit, CancellationToken ct);

    /// <summary>
    /// Which loaded units, by name or pattern (nap-web@*.service), have files that changed on disk since
    /// systemd read them (NeedDaemonReload=yes). A named unit systemd has not loaded is read now, so it is fresh.
    /// </summary>
    Task<IReadOnlyList<string>> ChangedOnDiskAsync(IReadOnlyList<string> units, CancellationToken ct);

    Task<IReadOnlyDictionary<string, string>> ShowAsync(string unit, IReadOnlyList<string> properties, CancellationToken ct);

    /// <summary>The unit files as installed (systemctl cat), or null when systemd knows no such unit.</summary>
    Task<string?> CatAsync(string unit, CancellationToken ct);

    /// <summary>The journal's newest cursor: entries after it are the ones still to come.</summary>
    Task<string?> JournalCursorAsync(CancellationToken ct);

    IAsyncEnumerable<JournalEntry> JournalAsync(JournalQuery query, CancellationToken ct);
}
