namespace Nap.Host.Tests;

/// <summary>A real ed25519 key pair made by ssh-keygen, as a developer would have one.</summary>
public sealed record SshKey(string Name, string PrivateKeyPath)
{
    public string PublicKeyPath => PrivateKeyPath + ".pub";

    public string PublicKey => File.ReadAllText(PublicKeyPath).Trim();

    public static async Task<SshKey> GenerateAsync(string directory, string name, string type = "ed25519")
    {
        var path = Path.Combine(directory, name);
        File.Delete(path);
        File.Delete(path + ".pub");
        (await Run.Async("ssh-keygen", ["-q", "-t", type, "-N", "", "-C", name, "-f", path])).EnsureSuccess($"ssh-keygen -t {type}");
        return new SshKey(name, path);
    }
}
