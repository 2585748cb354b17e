namespace Nap.Deployer.Unix;

/// <summary>
/// Files that hold secrets or state (app.json, the env file, a certificate's key): written aside, created with
/// their final mode, then renamed over the old one. No other user can read them even for a moment, and a crash
/// leaves the old file or the new one, never half of either.
/// </summary>
public static class PrivateFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, string content, UnixFileMode mode = OwnerOnly) =>
        Replace(path, mode, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.Write(content);
        });

    /// <summary>Writes through <paramref name="write"/>, on disk (fsync) before the rename.</summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken ct, UnixFileMode mode = OwnerOnly)
    {
        var temp = TempBeside(path);
        try
        {
            await using (var stream = new FileStream(temp, Options(mode)))
            {
                await write(stream);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>An empty file where there is none, with <paramref name="mode"/>.</summary>
    public static void EnsureExists(string path, UnixFileMode mode = OwnerOnly)
    {
        if (!File.Exists(path))
            Write(path, "", mode);
    }

    static void Replace(string path, UnixFileMode mode, Action<Stream> write)
    {
        var temp = TempBeside(path);
        try
        {
            using (var stream = new FileStream(temp, Options(mode)))
                write(stream);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    static string TempBeside(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return $"{path}.{Guid.NewGuid():N}.tmp";
    }

    static FileStreamOptions Options(UnixFileMode mode) =>
        new() { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode };
}
