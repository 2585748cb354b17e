using System.Text.RegularExpressions;

namespace Nap.Protocol;

/// <summary>
/// One key's line in /etc/nap/authorized_keys, as `nap keys` writes it and napd reads it (docs/DESIGN.md):
/// <c>command="RECEIVE --key NAME [--admin]",restrict TYPE BASE64 NAME</c>. The forced command is what sshd
/// runs for the key, so it, not the comment, says who the key is.
/// </summary>
public sealed partial record AuthorizedKeyLine(string Name, bool Admin, string KeyType, string KeyData)
{
    // `restrict` denies pty, forwarding and rc files even if sshd's drop-in is missing.
    public string ToLine(string receiveBinary) =>
        $"command=\"{receiveBinary} --key {Name}{(Admin ? " --admin" : "")}\",restrict {KeyType} {KeyData} {Name}";

    // The options are one word of comma-separated options whose quoted values may hold spaces.
    [GeneratedRegex("""^(?<options>(?:[^\s"]|"(?:[^"\\]|\\.)*")+)\s+(?<type>\S+)\s+(?<data>\S+)(?:\s.*)?$""")]
    private static partial Regex Line();

    [GeneratedRegex("""(?:^|,)command="(?<command>(?:[^"\\]|\\.)*)"(?:,|$)""")]
    private static partial Regex Command();

    /// <summary>Null for a line that is no key of nap's (a comment, a blank line, a key without nap's forced command).</summary>
    public static AuthorizedKeyLine? Parse(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith('#') || Line().Match(trimmed) is not { Success: true } match)
            return null;
        if (Command().Match(match.Groups["options"].Value) is not { Success: true } command)
            return null;
        var words = command.Groups["command"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(words, "--key");
        if (at < 1 || at + 1 >= words.Length || KeyName.Validate(words[at + 1]) is not null)
            return null;
        return new AuthorizedKeyLine(words[at + 1], words.Contains("--admin"), match.Groups["type"].Value, match.Groups["data"].Value);
    }

    /// <summary>The keys of a whole file, in order, the first line of each name counting.</summary>
    public static IReadOnlyList<AuthorizedKeyLine> ParseAll(string text) =>
        [.. text.Split('\n').Select(Parse).OfType<AuthorizedKeyLine>().DistinctBy(k => k.Name)];
}
