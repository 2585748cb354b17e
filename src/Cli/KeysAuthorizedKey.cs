using System.Text.RegularExpressions;

namespace Nap.Cli;

/// <summary>One key line in /etc/nap/authorized_keys (format: docs/DESIGN.md).</summary>
public sealed partial record AuthorizedKey(string Name, bool Admin, SshPublicKey Key)
{
    public const string Receive = "/usr/local/bin/nap-receive";

    // `restrict` denies pty, forwarding and rc files even if sshd's drop-in is missing.
    public string ToLine() =>
        $"command=\"{Receive} --key {Name}{(Admin ? " --admin" : "")}\",restrict {Key.Text} {Name}";

    [GeneratedRegex("""^command="/usr/local/bin/nap-receive --key (?<name>[^ "]+)(?<admin> --admin)?",restrict (?<key>\S+ \S+)( .*)?$""")]
    private static partial Regex Line();

    /// <summary>Null for lines nap did not write (comments, blank lines): they are kept as they are.</summary>
    public static AuthorizedKey? TryParse(string line)
    {
        var match = Line().Match(line);
        if (!match.Success)
            return null;
        var key = SshPublicKey.Parse(match.Groups["key"].Value, out _);
        return key is null ? null : new AuthorizedKey(match.Groups["name"].Value, match.Groups["admin"].Success, key);
    }
}
