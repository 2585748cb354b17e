using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Server;

/// <summary>
/// Which peers napd serves: root acts as the admin key `root`; the nap user (the forced
/// command and the hooks) acts as the key named in the request, which must be in authorized_keys.
/// Tests set <see cref="RootUid"/> to null and <see cref="NapUid"/> to their own uid to exercise the nap path.
/// </summary>
public sealed record PeerPolicy(int? RootUid, int? NapUid)
{
    public static PeerPolicy ForHost(Unix.UnixAccounts accounts) => new(0, accounts.UserId(Unix.UnixAccounts.NapUser));

    public PeerPolicy WithNapUid(int? uid) => this with { NapUid = uid };

    /// <summary>The caller, or a one-line refusal.</summary>
    public (Caller? Caller, string? Refusal) Identify(PeerCredentials peer, NapRequest request, KeyRing keys)
    {
        if (peer.Uid == RootUid)
            return (Caller.Root, null);
        if (peer.Uid != NapUid)
            return (null, $"napd: uid {peer.Uid} may not use napd (only root and the nap user)");
        if (KeyName.Validate(request.Key) is { } bad)
            return (null, "napd: " + bad);
        // Apps root made on the host are owned by `root`: a key registered under that name must not inherit them.
        if (request.Key == Caller.RootKey)
            return (null, $"napd: the key name '{Caller.RootKey}' is reserved for the host's root user: register the key under another name");
        return keys.Find(request.Key) is { } key
            ? (new Caller(key.Name, key.Admin), null)
            : (null, $"napd: no key named '{request.Key}' in {keys.File}");
    }
}
