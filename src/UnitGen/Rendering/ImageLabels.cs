using System.Globalization;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// The labels a build gives the image (--label): org.opencontainers.image.revision/.source/.created, nap.app, and
/// nap.release when built for a release (the number a dated registry tag does not carry).
/// </summary>
public static class ImageLabels
{
    public static IReadOnlyList<KeyValuePair<string, string>> Of(UnitOptions options)
    {
        List<KeyValuePair<string, string>> labels = [new("org.opencontainers.image.revision", options.Revision)];
        if (options.Source is { } source)
            labels.Add(new("org.opencontainers.image.source", source));
        if (options.Created != default)
            labels.Add(new("org.opencontainers.image.created", options.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        labels.Add(new("nap.app", options.App));
        if (options.Release is { } release)
            labels.Add(new("nap.release", release.ToString(CultureInfo.InvariantCulture)));
        return labels;
    }
}
