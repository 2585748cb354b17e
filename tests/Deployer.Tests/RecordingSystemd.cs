using System.Runtime.CompilerServices;
using Nap.Deployer.Systemd;

namespace Nap.Deployer.Tests;

/// <summary>
/// Stands in for systemd, which does not run here (the host testbed has the real one): it answers
/// is-active as told and records every call, so a spec can say which calls a decision costs.
/// </summary>
public sealed class RecordingSystemd(string activeState = "active") : ISystemd
{
    public List<string> Calls { get; } = [];

    void Record(string call)
    {
        lock (Calls)
            Calls.Add(call);
    }

    public Task DaemonReloadAsync(CancellationToken ct)
    {
        Record("daemon-reload");
        return Task.CompletedTask;
    }

    public Task RunAsync(UnitAction action, string unit, CancellationToken ct)
    {
        Record($"{action.Verb()} {unit}");
        return Task.CompletedTask;
    }

    public Task<string> IsActiveAsync(string unit, CancellationToken ct)
    {
        Record($"is-active {unit}");
        return Task.FromResult(activeState);
    }

    public Task<IReadOnlyList<string>> ChangedOnDiskAsync(IReadOnlyList<string> units, CancellationToken ct)
    {
        Record($"changed-on-disk {string.Join(' ', units)}");
        return Task.FromResult<IReadOnlyList<string>>([]);
    }

    public Task<IReadOnlyDictionary<string, string>> ShowAsync(string unit, IReadOnlyList<string> properties, CancellationToken ct)
    {
        Record($"show {unit}");
        return Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());
    }

    public Task<string?> CatAsync(string unit, CancellationToken ct)
    {
        Record($"cat {unit}");
        return Task.FromResult<string?>(null);
    }

    public Task<string?> JournalCursorAsync(CancellationToken ct)
    {
        Record("journal-cursor");
        return Task.FromResult<string?>(null);
    }

    public async IAsyncEnumerable<JournalEntry> JournalAsync(JournalQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        Record($"journal {query.Unit}");
        await Task.CompletedTask;
        yield break;
    }
}
