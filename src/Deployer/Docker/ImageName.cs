using System.Globalization;
using System.Security.Cryptography;

namespace Nap.Deployer.Docker;

/// <summary>
/// nap's names in Docker: one repository per app, one tag per release. Every app builds in the host's one engine,
/// so a release's tag carries 128 random bits (nap/APP:N-HEX, recorded in app.json): no other app's Dockerfile can
/// name it, whatever path the build-time checks might miss. Releases made before that are nap/APP:N, read all the same.
/// </summary>
public static class ImageName
{
    public static string Repository(string app) => "nap/" + app;

    /// <summary>A new, unguessable name for release <paramref name="release"/>: nap/APP:N-HEX.</summary>
    public static string Release(string app, int release) =>
        $"{Legacy(app, release)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

    /// <summary>
    /// The dated tag a release's build gets beside its N-HEX name: YYYYMMDD-HHMMSS-REV7, the build's UTC start and the
    /// revision's first 7 characters. Sortable by time, readable in a registry's tag list, and no release number in it:
    /// the image's nap.release label carries that. Never taken for a release name (<see cref="ReleaseOf"/> says null).
    /// </summary>
    public static string DatedTag(DateTimeOffset built, string revision) =>
        built.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + (revision.Length > 7 ? revision[..7] : revision);

    /// <summary>nap/APP:YYYYMMDD-HHMMSS-REV7.</summary>
    public static string Dated(string app, string tag) => Repository(app) + ":" + tag;

    /// <summary>The repository of the images napd makes of a build's downloads (the ADD URLs it fetched for the engine).</summary>
    public static string DownloadsRepository(string app) => "nap-add/" + app;

    public static string Downloads(string app, int release) => DownloadsRepository(app) + ":" + release.ToString(CultureInfo.InvariantCulture);

    /// <summary>What release N was called before names were unguessable (nap/APP:N): records older than that say so.</summary>
    public static string Legacy(string app, int release) => Repository(app) + ":" + release.ToString(CultureInfo.InvariantCulture);

    /// <summary>The release number of "nap/APP:N-HEX" or "nap/APP:N", or null for any other tag.</summary>
    public static int? ReleaseOf(string app, string image)
    {
        if (!image.StartsWith(Repository(app) + ":", StringComparison.Ordinal))
            return null;
        var tag = image.AsSpan(Repository(app).Length + 1);
        if (tag.IndexOf('-') is var dash and >= 0)
        {
            var random = tag[(dash + 1)..];
            if (random.Length != 32 || random.ContainsAnyExcept("0123456789abcdef"))
                return null;
            tag = tag[..dash];
        }
        return int.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
