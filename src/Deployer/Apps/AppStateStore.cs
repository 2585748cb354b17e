using System.Collections.Concurrent;
using System.Text.Json;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>
/// app.json of every app. Writes are atomic (temp file + rename, 0600) and read-modify-writes of one
/// app are serialized (<see cref="UpdateAsync"/>), so `access:add` during a deploy loses nothing.
/// This is not the deploy lock: see <see cref="AppLocks"/>.
/// </summary>
public sealed partial class AppStateStore(NapPaths paths)
{
    readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    public bool Exists(string app) => File.Exists(paths.AppState(app));

    /// <summary>The names of the apps and their environments (APP.ENV) that have an app.json, sorted.</summary>
    public IReadOnlyList<string> Names() =>
        !Directory.Exists(paths.AppsDir)
            ? []
            : [.. Directory.EnumerateDirectories(paths.AppsDir)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(name => AppSlot.IsValid(name) && Exists(name))
                .Order(StringComparer.Ordinal)];

    public async Task<AppState?> ReadAsync(string app, CancellationToken ct = default)
    {
        var file = paths.AppState(app);
        if (!File.Exists(file))
            return null;
        await using var stream = File.OpenRead(file);
        return await JsonSerializer.DeserializeAsync(stream, StateJson.Default.AppState, ct)
            ?? throw new InvalidDataException($"{file} holds no app state");
    }

    /// <summary>The environments of <paramref name="app"/> besides production (its slots APP.ENV), sorted.</summary>
    public IReadOnlyList<string> EnvironmentsOf(string app) => [.. Names().Where(n => AppSlot.IsEnvironment(n) && AppSlot.AppOf(n) == app)];

    /// <summary>The states of <see cref="EnvironmentsOf"/>, in its order; one removed meanwhile is left out.</summary>
    public async Task<IReadOnlyList<AppState>> ReadEnvironmentsAsync(string app, CancellationToken ct = default)
    {
        var states = new List<AppState>();
        foreach (var slot in EnvironmentsOf(app))
            if (await ReadAsync(slot, ct) is { } state)
                states.Add(state);
        return states;
    }

    public async Task<IReadOnlyList<AppState>> ReadAllAsync(CancellationToken ct = default)
    {
        var states = new List<AppState>();
        foreach (var name in Names())
            if (await ReadAsync(name, ct) is { } state)
                states.Add(state);
        return states;
    }

    /// <summary>Creates the app owned by <paramref name="owner"/> unless it exists; returns the state and whether it was created.</summary>
    public async Task<(AppState State, bool Created)> CreateIfAbsentAsync(string app, string owner, DateTimeOffset now, CancellationToken ct = default)
    {
        using var _ = await EnterAsync(app, ct);
        if (await ReadAsync(app, ct) is { } existing)
            return (existing, false);
        var state = new AppState(app, owner, now);
        await WriteAsync(state, ct);
        return (state, true);
    }

    /// <summary>Reads, changes and writes the app's state with no other update in between.</summary>
    public async Task<AppState> UpdateAsync(string app, Func<AppState, AppState> change, CancellationToken ct = default)
    {
        using var _ = await EnterAsync(app, ct);
        var state = await ReadAsync(app, ct) ?? throw new InvalidOperationException($"{app}: no such app");
        var changed = change(state);
        if (changed.Name != app)
            throw new InvalidOperationException($"{app}: an update may not rename the app to {changed.Name}");
        await WriteAsync(changed, ct);
        return changed;
    }

    /// <summary>Removes app.json (the last step of `destroy`); the app's directory goes with it when empty.</summary>
    public async Task DeleteAsync(string app, CancellationToken ct = default)
    {
        using var _ = await EnterAsync(app, ct);
        File.Delete(paths.AppState(app));
        if (Directory.Exists(paths.App(app)) && !Directory.EnumerateFileSystemEntries(paths.App(app)).Any())
            Directory.Delete(paths.App(app));
    }
}
