using System.Globalization;

namespace Nap.Deployer.Docker;

/// <summary>nap's names in Docker: one repository per app, one tag per release.</summary>
public static class ImageName
{
    public static string Repository(string app) => "nap/" + app;

    public static string Release(string app, int release) => Repository(app) + ":" + release.ToString(CultureInfo.InvariantCulture);

    /// <summary>The repository of the images napd makes of a build's downloads (the ADD URLs it fetched for the engine).</summary>
    public static string DownloadsRepository(string app) => "nap-add/" + app;

    public static string Downloads(string app, int release) => DownloadsRepository(app) + ":" + release.ToString(CultureInfo.InvariantCulture);

    /// <summary>The release number of "nap/APP:N", or null for any other tag.</summary>
    public static int? ReleaseOf(string app, string image) =>
        image.StartsWith(Repository(app) + ":", StringComparison.Ordinal)
        && int.TryParse(image.AsSpan(Repository(app).Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
}
