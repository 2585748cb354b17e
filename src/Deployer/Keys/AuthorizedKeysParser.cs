using System.Text.RegularExpressions;
using Nap.Protocol;

namespace Nap.Deployer.Keys;

/// <summary>
/// Reads the forced command of each line (`command="/usr/local/bin/nap-receive --key NAME [--admin]",...`):
/// that command is what sshd runs, so it, not the comment, says who a key is.
/// </summary>
public static partial class AuthorizedKeysParser
{
    [GeneratedRegex("""command="(?<cmd>(?:[^"\\]|\\.)*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Command();

    public static IReadOnlyList<AuthorizedKey> Parse(string text)
    {
        var keys = new List<AuthorizedKey>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (ParseLine(line) is { } key && keys.All(k => k.Name != key.Name))
                keys.Add(key);
        }

        return keys;
    }

    public static AuthorizedKey? ParseLine(string line)
    {
        var match = Command().Match(line);
        if (!match.Success)
            return null;
        var words = match.Groups["cmd"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(words, "--key");
        if (at < 0 || at + 1 >= words.Length || KeyName.Validate(words[at + 1]) is not null)
            return null;
        return new AuthorizedKey(words[at + 1], words.Contains("--admin"));
    }
}
