namespace Nap.Protocol;

/// <summary>Text that came from a client, a Dockerfile or a repository, made safe to echo on one line.</summary>
public static class Untrusted
{
    /// <summary>
    /// Control characters and anything beyond ASCII become '?', so no escape sequence reaches a terminal and no
    /// line break forges another line; more than <paramref name="max"/> characters end in "...".
    /// </summary>
    public static string Printable(string value, int max = 80)
    {
        var chars = value.Select(c => char.IsControl(c) || c > '~' ? '?' : c).Take(max + 1).ToArray();
        var text = new string(chars);
        return text.Length > max ? text[..max] + "..." : text;
    }
}
