namespace Nap.Deployer.Keys;

/// <summary>One key line of /etc/nap/authorized_keys, as napd needs it: a name and whether it is an admin.</summary>
public sealed record AuthorizedKey(string Name, bool IsAdmin);
