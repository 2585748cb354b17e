using System.Text.Json;
using Nap.Deployer.Unix;
using Nap.Protocol;

namespace Nap.Deployer.Hooks;

/// <summary>
/// deliveries.json, the app's last <see cref="HookLimits.DeliveriesKept"/> deliveries, newest last; refused.json,
/// the last <see cref="HookLimits.UnverifiedKept"/> refused before their signature was known good (401, 413), in a
/// ring of their own so that anyone who knows the URL cannot flush the forge's real deliveries out of the log;
/// ids.json, the delivery ids of signed deliveries already taken, for replays. All root-only beside hook.json.
/// </summary>
public sealed class DeliveryLog(NapPaths paths)
{
    readonly Lock writing = new();

    string LogPath(string app) => Path.Combine(paths.Hooks(app), "deliveries.json");

    string RefusedPath(string app) => Path.Combine(paths.Hooks(app), "refused.json");

    string IdsPath(string app) => Path.Combine(paths.Hooks(app), "ids.json");

    /// <summary>Both rings merged by time, oldest first.</summary>
    public IReadOnlyList<Delivery> Read(string app) =>
        [.. ReadRing(LogPath(app)).Concat(ReadRing(RefusedPath(app))).OrderBy(d => d.Time)];

    static List<Delivery> ReadRing(string path) => File.Exists(path)
        ? JsonSerializer.Deserialize(File.ReadAllText(path), HooksJson.Default.ListDelivery) ?? []
        : [];

    /// <summary>Whether a delivery answered <paramref name="status"/> was refused before napd knew it came from the forge.</summary>
    public static bool IsUnverified(int status) => status is 401 or 413;

    public void Add(string app, Delivery delivery)
    {
        if (IsUnverified(delivery.Status))
            Change(app, RefusedPath(app), HookLimits.UnverifiedKept, list => list.Add(delivery));
        else
            Change(app, list => list.Add(delivery));
    }

    /// <summary>Replaces the delivery with <paramref name="id"/> (its deploy has moved on); gone from the log is fine.</summary>
    public void Update(string app, string id, Func<Delivery, Delivery> change) =>
        Change(app, list =>
        {
            var at = list.FindLastIndex(d => d.Id == id);
            if (at >= 0)
                list[at] = change(list[at]);
        });

    /// <summary>Takes <paramref name="id"/> for this app; false when it was taken before (a replay).</summary>
    public bool TryTake(string app, string id)
    {
        lock (writing)
        {
            if (!Directory.Exists(paths.Hooks(app)))
                return false;
            var ids = File.Exists(IdsPath(app)) ? JsonSerializer.Deserialize(File.ReadAllText(IdsPath(app)), HooksJson.Default.ListString) ?? [] : [];
            if (ids.Contains(id))
                return false;
            ids.Add(id);
            if (ids.Count > HookLimits.IdsKept)
                ids.RemoveRange(0, ids.Count - HookLimits.IdsKept);
            PrivateFile.Write(IdsPath(app), JsonSerializer.Serialize(ids, HooksJson.Default.ListString));
            return true;
        }
    }

    void Change(string app, Action<List<Delivery>> change) => Change(app, LogPath(app), HookLimits.DeliveriesKept, change);

    void Change(string app, string path, int kept, Action<List<Delivery>> change)
    {
        lock (writing)
        {
            // hooks:remove or destroy came first: the delivery has no log to go to.
            if (!Directory.Exists(paths.Hooks(app)))
                return;
            var list = ReadRing(path);
            change(list);
            if (list.Count > kept)
                list.RemoveRange(0, list.Count - kept);
            PrivateFile.Write(path, JsonSerializer.Serialize(list, HooksJson.Default.ListDelivery));
        }
    }
}
