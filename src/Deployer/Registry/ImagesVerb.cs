using System.Globalization;
using Nap.Deployer.Apps;
using Nap.Deployer.Docker;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Registry;

/// <summary>
/// `images APP [--json]`: the app's dated images, in the registry when there is one, else on this host: tag, size and
/// the releases that run each. Only the app's own repository is read, after AppVerb checked the caller's right.
/// </summary>
public sealed class ImagesVerb(AppDoor door, RegistrySettings settings, RegistryApi api, IDocker docker) : AppVerb(door, waitsForLock: false)
{
    public override string Verb => "images";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        IReadOnlyList<ImageLine> lines;
        string where;
        try
        {
            (lines, where) = settings.Find() is { } target
                ? (await InRegistryAsync(app, target, ct), $"in the registry at {target.Address}")
                : (await OnHostAsync(app, ct), "on this host");
        }
        catch (RegistryException e)
        {
            await context.Reply.ErrAsync(e.Message);
            return 1;
        }
        if (context.Json)
            return await context.Reply.JsonAsync(lines, ImagesJson.Default.IReadOnlyListImageLine);
        await context.Reply.DoneAsync($"{app.Name}: {lines.Count} image{(lines.Count == 1 ? "" : "s")} {where}");
        foreach (var line in lines)
            await context.Reply.OutAsync(string.Format(CultureInfo.InvariantCulture, "{0}{1,-23}  {2,9}  {3}",
                line.Current ? "*" : " ", line.Tag, Size(line.Size), line.Releases.Count == 0 ? "no release" : "release " + string.Join(", ", line.Releases)));
        return 0;
    }

    async Task<IReadOnlyList<ImageLine>> InRegistryAsync(AppState app, RegistryTarget target, CancellationToken ct)
    {
        var lines = new List<ImageLine>();
        foreach (var tag in await api.TagsAsync(target, app.Name, ct))
            if (await api.ManifestAsync(target, app.Name, tag, ct) is var (_, size))
                lines.Add(Line(app, tag, target.Image(app.Name, tag), size));
        return lines;
    }

    async Task<IReadOnlyList<ImageLine>> OnHostAsync(AppState app, CancellationToken ct)
    {
        var lines = new List<ImageLine>();
        foreach (var tag in app.Releases.Select(r => r.Tag).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            if (await docker.SizeAsync(ImageName.Dated(app.Name, tag), ct) is { } size)
                lines.Add(Line(app, tag, ImageName.Dated(app.Name, tag), size));
        return lines;
    }

    static ImageLine Line(AppState app, string tag, string image, long size)
    {
        var releases = app.Releases.Where(r => r.Tag == tag).Select(r => r.Number).Order().ToArray();
        return new ImageLine(tag, image, size, releases, app.CurrentRelease is { } current && releases.Contains(current));
    }

    static string Size(long bytes) => bytes >= 1 << 20
        ? string.Format(CultureInfo.InvariantCulture, "{0:0.0} MB", bytes / 1048576.0)
        : string.Format(CultureInfo.InvariantCulture, "{0:0.0} kB", bytes / 1024.0);
}
