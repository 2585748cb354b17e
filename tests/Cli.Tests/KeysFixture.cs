using CliWrap;
using Shell = CliWrap.Cli;
using CliWrap.Buffered;
using Nap.Protocol;

namespace Nap.Cli.Tests;

/// <summary>A temp authorized_keys, real keys from ssh-keygen, and `nap keys` run against them in-process.</summary>
public sealed class KeysFixture : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("nap-keys-").FullName;

    /// <summary>The host's files as `nap keys` finds them: authorized_keys and napd.json in one config dir.</summary>
    public NapPaths Paths => new(Path.Combine(_dir, "data"), _dir, Path.Combine(_dir, "run"));

    public string AuthorizedKeys => Paths.AuthorizedKeys;

    public string[] Lines => File.Exists(AuthorizedKeys) ? File.ReadAllLines(AuthorizedKeys) : [];

    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public async Task<Outcome> Nap(string? stdin, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await KeysCommand.RunAsync(args, new StringReader(stdin ?? ""), stdout, stderr, Paths);
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A new public key line (`TYPE BASE64 COMMENT`), as in a .pub file.</summary>
    public async Task<string> NewPublicKey(string type = "ed25519", string? bits = null)
    {
        var path = Path.Combine(_dir, $"key-{Guid.NewGuid():N}");
        string[] size = bits is null ? [] : ["-b", bits];
        await Shell.Wrap("ssh-keygen").WithArguments(["-q", "-t", type, .. size, "-N", "", "-C", "someone@laptop", "-f", path]).ExecuteAsync();
        return File.ReadAllText(path + ".pub").Trim();
    }

    /// <summary>What ssh-keygen itself says the fingerprint is.</summary>
    public async Task<string> FingerprintOf(string publicKey)
    {
        var path = Path.Combine(_dir, $"fp-{Guid.NewGuid():N}.pub");
        File.WriteAllText(path, publicKey + "\n");
        var result = await Shell.Wrap("ssh-keygen").WithArguments(["-l", "-E", "sha256", "-f", path]).ExecuteBufferedAsync();
        return result.StandardOutput.Split(' ')[1];
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
