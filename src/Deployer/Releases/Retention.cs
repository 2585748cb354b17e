using Microsoft.Extensions.Logging;
using Nap.Deployer.Apps;
using Nap.Deployer.Docker;
using Nap.Deployer.Registry;
using Nap.Deployer.Settings;
using Nap.Protocol;

namespace Nap.Deployer.Releases;

/// <summary>
/// Keeps the images and checkouts of the last releasesKept deployed releases (always the current one),
/// so a rollback needs no rebuild; older ones go. Their records stay in app.json as history.
/// </summary>
public sealed class Retention(NapdConfig config, NapPaths paths, IDocker docker, AppStateStore store, RegistryCleanup registry, ILogger<Retention> log)
{
    public static IReadOnlySet<int> Kept(AppState app, int count) =>
        app.Releases.Where(r => r.Result == ReleaseResult.Deployed).Select(r => r.Number)
            .OrderDescending().Take(count)
            .Append(app.CurrentRelease ?? 0)
            .ToHashSet();

    /// <summary>The dated tags of releases that are not kept, and that no kept release shares (rollbacks reuse their source's).</summary>
    public static IReadOnlyList<string> DroppedTags(AppState app, IReadOnlySet<int> kept)
    {
        var keptTags = app.Releases.Where(r => kept.Contains(r.Number)).Select(r => r.Tag).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return app.Releases.Where(r => !kept.Contains(r.Number)).Select(r => r.Tag).OfType<string>()
            .Where(t => !keptTags.Contains(t)).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// A release that did not go live is never run again (a rollback takes only deployed ones): its checkout and
    /// image go at once, not at the next good release, which an app that keeps failing may never have. Its recorded
    /// Dockerfile stays beside its record as history.
    /// </summary>
    public async Task ForgetAsync(string app, int release)
    {
        var src = Path.Combine(paths.Release(app, release), "src");
        if (Directory.Exists(src))
            Directory.Delete(src, recursive: true);
        // Its name is random (and unrecorded when the build failed): the repository's tags say which it is.
        try
        {
            foreach (var image in await docker.TagsAsync(ImageName.Repository(app), CancellationToken.None))
                if (ImageName.ReleaseOf(app, image) == release)
                    await docker.RemoveImageAsync(image, CancellationToken.None);
            // Its dated tag too, unless another release names the same image (a failed rollback shares its source's).
            if (await store.ReadAsync(app, CancellationToken.None) is { } state
                && state.FindRelease(release)?.Tag is { } tag
                && !state.Releases.Any(r => r.Number != release && r.Tag == tag))
                await docker.RemoveImageAsync(ImageName.Dated(app, tag), CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The engine may be what failed the release: the push's own line matters more, and the next
            // release's prune takes the image (its number is no kept one).
            log.LogWarning("the image of {App} release {Release} stays until the next prune: {Reason}", app, release, e.Message);
        }
    }

    public async Task PruneAsync(AppState app, CancellationToken ct)
    {
        var kept = Kept(app, config.ReleasesKept);
        // A release newer than this snapshot may be building right now: its image is not ours to judge.
        var newest = app.Releases.Count == 0 ? 0 : app.Releases.Max(r => r.Number);
        foreach (var image in await docker.TagsAsync(ImageName.Repository(app.Name), ct))
            if (ImageName.ReleaseOf(app.Name, image) is { } n && n <= newest && !kept.Contains(n))
                await docker.RemoveImageAsync(image, ct);
        // Dated tags by the record, not by the engine's list: only a tag no kept release names goes.
        var dropped = DroppedTags(app, kept);
        foreach (var tag in dropped)
            await docker.RemoveImageAsync(ImageName.Dated(app.Name, tag), ct);
        await registry.DropAsync(app.Name, dropped, ct);
        foreach (var release in app.Releases.Where(r => !kept.Contains(r.Number)))
        {
            var src = Path.Combine(paths.Release(app.Name, release.Number), "src");
            if (Directory.Exists(src))
                Directory.Delete(src, recursive: true);
            // releases/N.K: the unit.env of an extra instance (ps:scale), useless once N cannot run again.
            var releases = Path.GetDirectoryName(paths.Release(app.Name, release.Number))!;
            if (Directory.Exists(releases))
                foreach (var extra in Directory.EnumerateDirectories(releases, ReleaseNames.Id(release.Number) + ".*"))
                    Directory.Delete(extra, recursive: true);
        }
    }
}
