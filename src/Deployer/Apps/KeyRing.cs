using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>
/// The keys of /etc/nap/authorized_keys, re-read whenever the file's mtime changes,
/// so `nap keys add/remove` takes effect without restarting napd.
/// </summary>
public sealed class KeyRing(string file)
{
    readonly Lock gate = new();
    (DateTime MTime, long Length, IReadOnlyList<AuthorizedKeyLine> Keys) cache = (DateTime.MinValue, -1, []);

    public string File => file;

    public IReadOnlyList<AuthorizedKeyLine> All
    {
        get
        {
            var info = new FileInfo(file);
            if (!info.Exists)
                return [];
            lock (gate)
            {
                if (cache.MTime != info.LastWriteTimeUtc || cache.Length != info.Length)
                    cache = (info.LastWriteTimeUtc, info.Length, AuthorizedKeyLine.ParseAll(System.IO.File.ReadAllText(file)));
                return cache.Keys;
            }
        }
    }

    public AuthorizedKeyLine? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    public bool Exists(string name) => Find(name) is not null;
}
