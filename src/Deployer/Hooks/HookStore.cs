using System.Security.Cryptography;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using Nap.Deployer.Unix;
using Nap.Protocol;

namespace Nap.Deployer.Hooks;

/// <summary>
/// /var/lib/nap/apps/APP/hooks (0700, root): hook.json with the secret, the ed25519 deploy key and the forge's
/// known_hosts (all 0600). Nothing there is the nap user's: a push cannot read or plant them.
/// </summary>
public sealed class HookStore(NapPaths paths)
{
    const UnixFileMode OwnerOnlyDir = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public string Dir(string app) => paths.Hooks(app);

    public string KeyPath(string app) => Path.Combine(Dir(app), "deploy_key");

    public string KnownHostsPath(string app) => Path.Combine(Dir(app), "known_hosts");

    string ConfigPath(string app) => Path.Combine(Dir(app), "hook.json");

    public HookConfig? Find(string app)
    {
        var path = ConfigPath(app);
        if (!File.Exists(path))
            return null;
        return JsonSerializer.Deserialize(File.ReadAllText(path), HooksJson.Default.HookConfig);
    }

    /// <summary>Whether any app on the host has a hook (napd's hooks server starts only then).</summary>
    public bool AnyHook() =>
        Directory.Exists(paths.AppsDir) && Directory.EnumerateDirectories(paths.AppsDir).Any(dir => File.Exists(Path.Combine(dir, "hooks", "hook.json")));

    public string? PublicKey(string app) => File.Exists(KeyPath(app) + ".pub") ? File.ReadAllText(KeyPath(app) + ".pub").Trim() : null;

    /// <summary>A new secret and deploy key (any earlier ones stop working at once), the forge's host key forgotten.</summary>
    public async Task<HookConfig> CreateAsync(string app, Forge forge, string repo, string branch, string? statusToken, DateTimeOffset now, CancellationToken ct)
    {
        var dir = Dir(app);
        Directory.CreateDirectory(paths.App(app));
        Directory.CreateDirectory(dir, OwnerOnlyDir);
        File.SetUnixFileMode(dir, OwnerOnlyDir);
        foreach (var old in new[] { KeyPath(app), KeyPath(app) + ".pub", KnownHostsPath(app) })
            File.Delete(old);
        // ssh-keygen writes the private key 0600 itself; no passphrase, since napd fetches unattended.
        var keygen = await Cli.Wrap("ssh-keygen")
            .WithArguments(["-q", "-t", "ed25519", "-N", "", "-C", $"nap deploy key of {app}", "-f", KeyPath(app)])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(ct);
        if (keygen.ExitCode != 0)
            throw new IOException($"ssh-keygen could not make {app}'s deploy key: {keygen.StandardError.Trim()}");
        var config = new HookConfig(forge.Name, repo, branch, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), now) { StatusToken = statusToken };
        PrivateFile.Write(ConfigPath(app), JsonSerializer.Serialize(config, HooksJson.Default.HookConfig));
        return config;
    }

    /// <summary>Removes the hook, its key and its delivery log; true when there was one.</summary>
    public bool Remove(string app)
    {
        if (!Directory.Exists(Dir(app)))
            return false;
        Directory.Delete(Dir(app), recursive: true);
        return true;
    }
}
