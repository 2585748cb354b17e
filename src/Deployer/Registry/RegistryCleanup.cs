using Microsoft.Extensions.Logging;
using Nap.Deployer.Systemd;

namespace Nap.Deployer.Registry;

/// <summary>
/// Retention in the registry: the tags of releases no longer kept are deleted through the API (by their manifests'
/// digests), then `nap registry init`'s nap-registry-gc.service frees the blobs no manifest names. It runs after a
/// release went live, with the old one's retirement, never on a push's path; pushes wait while it collects.
/// </summary>
public sealed class RegistryCleanup(RegistrySettings settings, RegistryApi api, RegistryGate gate, ISystemd systemd, ILogger<RegistryCleanup> log)
{
    public const string GcUnit = "nap-registry-gc.service";

    /// <summary>Deletes those of <paramref name="dropped"/> the registry has; collects garbage when one went.</summary>
    public async Task DropAsync(string app, IReadOnlyCollection<string> dropped, CancellationToken ct)
    {
        if (dropped.Count == 0)
            return;
        try
        {
            if (settings.Find() is not { } target)
                return;
            var present = (await api.TagsAsync(target, app, ct)).Intersect(dropped, StringComparer.Ordinal).ToArray();
            foreach (var tag in present)
                if (await api.ManifestAsync(target, app, tag, ct) is var (digest, _))
                    await api.DeleteAsync(target, app, digest, ct);
            if (present.Length == 0)
                return;
            using (await gate.CollectAsync(ct))
                await systemd.StartAsync(GcUnit, ct);
            log.LogInformation("deleted {Count} old tags of {App} from the registry and collected its garbage", present.Length, app);
        }
        catch (Exception e) when (e is RegistryException or SystemdException)
        {
            // The next release's retention tries again: the tags are still recorded on releases no longer kept.
            log.LogWarning("the registry keeps old tags of {App} until the next release: {Reason}", app, e.Message);
        }
    }
}
