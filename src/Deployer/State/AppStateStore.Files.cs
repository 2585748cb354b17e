using System.Text.Json;

namespace Nap.Deployer.State;

public sealed partial class AppStateStore
{
    const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    async Task WriteAsync(AppState state, CancellationToken ct)
    {
        var file = paths.AppState(state.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = $"{file}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Private };
            await using (var stream = new FileStream(temp, options))
            {
                await JsonSerializer.SerializeAsync(stream, state, StateJson.Default.AppState, ct);
                // On disk before the rename, so a crash leaves the old or the new file, never an empty one.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, file, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

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
