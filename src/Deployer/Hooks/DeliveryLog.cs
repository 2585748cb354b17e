using System.Text.Json;
using Nap.Deployer.Unix;
using Nap.Protocol;

namespace Nap.Deployer.Hooks;

/// <summary>
/// deliveries.json, the app's last <see cref="HookLimits.DeliveriesKept"/> deliveries, newest last; ids.json, the
/// delivery ids of signed deliveries already taken, for replays. Both root-only beside hook.json.
/// </summary>
public sealed class DeliveryLog(NapPaths paths)
{
    readonly Lock writing = new();

    string LogPath(string app) => Path.Combine(paths.Hooks(app), "deliveries.json");

    string IdsPath(string app) => Path.Combine(paths.Hooks(app), "ids.json");

    public IReadOnlyList<Delivery> Read(string app) => File.Exists(LogPath(app))
        ? JsonSerializer.Deserialize(File.ReadAllText(LogPath(app)), HooksJson.Default.ListDelivery) ?? []
        : [];

    public void Add(string app, Delivery delivery) => Change(app, list => list.Add(delivery));

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

    void Change(string app, Action<List<Delivery>> change)
    {
        lock (writing)
        {
            // hooks:remove or destroy came first: the delivery has no log to go to.
            if (!Directory.Exists(paths.Hooks(app)))
                return;
            var list = Read(app).ToList();
            change(list);
            if (list.Count > HookLimits.DeliveriesKept)
                list.RemoveRange(0, list.Count - HookLimits.DeliveriesKept);
            PrivateFile.Write(LogPath(app), JsonSerializer.Serialize(list, HooksJson.Default.ListDelivery));
        }
    }
}
