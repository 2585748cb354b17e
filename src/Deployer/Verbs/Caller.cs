namespace Nap.Deployer.Verbs;

/// <summary>Who sent a request: a key from /etc/nap/authorized_keys, or root on the host.</summary>
public sealed record Caller(string Key, bool IsAdmin)
{
    public const string RootKey = "root";

    public static Caller Root { get; } = new(RootKey, IsAdmin: true);
}
