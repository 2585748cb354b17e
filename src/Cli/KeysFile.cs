namespace Nap.Cli;

/// <summary>
/// The authorized_keys file as lines. napd and sshd read it at any moment, so it is only ever
/// replaced whole (temp file + rename), and `nap keys` runs one at a time (a lock file).
/// </summary>
/// <param name="ReceiveBinary">The forced command every new line runs (napd.json's receiveBinary).</param>
public sealed record KeysFile(string Path, IReadOnlyList<string> Lines, string ReceiveBinary)
{
    public IEnumerable<AuthorizedKey> Keys => Lines.Select(AuthorizedKey.TryParse).OfType<AuthorizedKey>();

    public static KeysFile Load(string path, string receiveBinary) =>
        new(path, File.Exists(path) ? File.ReadAllLines(path) : [], receiveBinary);

    public KeysFile Add(AuthorizedKey key) => this with { Lines = [.. Lines, key.Line.ToLine(ReceiveBinary)] };

    public KeysFile Remove(string name) =>
        this with { Lines = Lines.Where(l => AuthorizedKey.TryParse(l)?.Name != name).ToList() };

    public void Save()
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        var temp = System.IO.Path.Combine(directory, $".authorized_keys.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream))
            {
                foreach (var line in Lines)
                    writer.Write(line + "\n");
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Held while reading, changing and saving, so two admins cannot lose each other's key.</summary>
    public static async Task<IDisposable> LockAsync(string path, CancellationToken ct = default)
    {
        var lockPath = path + ".lock";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 100)
            {
                await Task.Delay(50, ct);
            }
        }
    }
}
