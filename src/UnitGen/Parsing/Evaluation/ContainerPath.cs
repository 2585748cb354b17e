using System.Text.RegularExpressions;

namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>Paths inside the container: POSIX rules, plus C:\ for Windows images written with escape=`.</summary>
internal static partial class ContainerPath
{
    [GeneratedRegex(@"^[A-Za-z]:[\\/]", RegexOptions.CultureInvariant)]
    private static partial Regex DrivePattern();

    public static bool IsAbsolute(string path) => path.StartsWith('/') || DrivePattern().IsMatch(path);

    /// <summary>WORKDIR's rule: a relative path continues the previous WORKDIR.</summary>
    public static string Join(string current, string path)
    {
        if (DrivePattern().IsMatch(path))
            return path;
        return Clean(path.StartsWith('/') ? path : current.TrimEnd('/') + "/" + path);
    }

    /// <summary>Go's path.Clean for absolute paths: no empty, "." or ".." segments.</summary>
    public static string Clean(string path)
    {
        if (DrivePattern().IsMatch(path))
            return path;

        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".")
                continue;
            if (segment == "..")
            {
                if (segments.Count > 0)
                    segments.RemoveAt(segments.Count - 1);
                continue;
            }
            segments.Add(segment);
        }
        return "/" + string.Join('/', segments);
    }
}
