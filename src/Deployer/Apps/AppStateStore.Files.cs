using System.Text.Json;
using Nap.Deployer.Unix;

namespace Nap.Deployer.Apps;

public sealed partial class AppStateStore
{
    // On disk before the rename (PrivateFile), so a crash leaves the old or the new file, never an empty one.
    Task WriteAsync(AppState state, CancellationToken ct) =>
        PrivateFile.WriteAsync(paths.AppState(state.Name), stream => JsonSerializer.SerializeAsync(stream, state, StateJson.Default.AppState, ct), ct);

    async Task<IDisposable> EnterAsync(string app, CancellationToken ct)
    {
        var gate = gates.GetOrAdd(app, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Releaser(gate);
    }

    sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
