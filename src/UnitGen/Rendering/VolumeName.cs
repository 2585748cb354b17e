using System.Text;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// The host directory name for a VOLUME path, like systemd-escape --path without backslashes:
/// "/var/lib/my-db" -> "var-lib-my_2ddb". '/' becomes '-', '_' is doubled and other bytes are
/// written _HH, so two paths never share a directory; a segment never starts with '.', so
/// no VOLUME can climb out of the volumes directory.
/// </summary>
public static class VolumeName
{
    public static string For(string containerPath)
    {
        var segments = containerPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
            return "_";
        var name = new StringBuilder();
        foreach (var segment in segments)
        {
            if (name.Length > 0)
                name.Append('-');
            var bytes = Encoding.UTF8.GetBytes(segment);
            for (var i = 0; i < bytes.Length; i++)
                name.Append(Escape((char)bytes[i], first: i == 0));
        }
        return name.ToString();
    }

    static string Escape(char c, bool first) => c switch
    {
        '_' => "__",
        '.' when first => "_2e",
        _ when char.IsAsciiLetterOrDigit(c) || c == '.' => c.ToString(),
        _ => $"_{(int)c:x2}",
    };
}
