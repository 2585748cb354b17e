using Nap.Protocol;

namespace Nap.Cli;

/// <summary>A key line as `nap keys` handles it: the line's format is <see cref="AuthorizedKeyLine"/>'s; the key is checked down to its blob.</summary>
public sealed record AuthorizedKey(string Name, bool Admin, SshPublicKey Key)
{
    public AuthorizedKeyLine Line => new(Name, Admin, Key.Type, Key.Base64);

    /// <summary>Null for lines nap did not write (comments, blank lines, other keys): they are kept as they are.</summary>
    public static AuthorizedKey? TryParse(string line) =>
        AuthorizedKeyLine.Parse(line) is { } parsed && SshPublicKey.Parse($"{parsed.KeyType} {parsed.KeyData}", out _) is { } key
            ? new AuthorizedKey(parsed.Name, parsed.Admin, key)
            : null;
}
