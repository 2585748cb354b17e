using System.Runtime.CompilerServices;
using Nap.Deployer.Systemd;

namespace Nap.Deployer.Tests.Support;

/// <summary>
/// Stands in for systemd and journald, which do not run here (the host testbed has the real ones): it reports
/// every unit in the state it was given and records every call, so a spec can say which calls a decision costs.
/// Register it as both <see cref="ISystemd"/> and <see cref="IJournal"/> (<see cref="Register"/>).
/// </summary>
public sealed class RecordingSystemd(string activeState = "active") : ISystemd, IJournal
{
    public List<string> Calls { get; } = [];

    public void Register(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<ISystemd>(services, this);
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<IJournal>(services, this);
    }

    Task Record(string call)
    {
        lock (Calls)
            Calls.Add(call);
        return Task.CompletedTask;
    }

    public Task StartAsync(string unit, CancellationToken ct) => Record($"start {unit}");

    public Task StopAsync(string unit, CancellationToken ct) => Record($"stop {unit}");

    public Task EnableAsync(string unit, CancellationToken ct) => Record($"enable {unit}");

    public Task DisableAsync(string unit, CancellationToken ct) => Record($"disable {unit}");

    public Task ResetFailedAsync(string unit, CancellationToken ct) => Record($"reset-failed {unit}");

    public Task ReloadAsync(CancellationToken ct) => Record("daemon-reload");

    public async Task<UnitState> StateAsync(string unit, CancellationToken ct)
    {
        await Record($"state {unit}");
        return new UnitState(activeState);
    }

    public async Task<IReadOnlyList<string>> ChangedOnDiskAsync(IReadOnlyList<string> patterns, CancellationToken ct)
    {
        await Record($"changed-on-disk {string.Join(' ', patterns)}");
        return [];
    }

    public async Task<string?> CursorAsync(CancellationToken ct)
    {
        await Record("journal-cursor");
        return null;
    }

    public async IAsyncEnumerable<JournalEntry> ReadAsync(JournalQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        await Record($"journal {query.Unit}");
        yield break;
    }
}
