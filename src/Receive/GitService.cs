namespace Nap.Receive;

/// <summary>The two git programs a key may run: receive-pack to push, upload-pack to fetch.</summary>
public sealed record GitService(string Verb)
{
    public static GitService ReceivePack { get; } = new("git-receive-pack");
    public static GitService UploadPack { get; } = new("git-upload-pack");

    // Absolute paths only: the forced command must not run whatever PATH happens to find first.
    // Debian's git-core first (`git --exec-path`), then Fedora's, then the /usr/bin links.
    static readonly string[] ExecDirs = ["/usr/lib/git-core", "/usr/libexec/git-core", "/usr/bin"];

    /// <summary>Accepts both spellings git clients send: `git-receive-pack` and `git receive-pack`.</summary>
    public static GitService? Find(IReadOnlyList<string> words, out IReadOnlyList<string> args)
    {
        var (name, skip) = words switch
        {
            ["git", var sub, ..] => ("git-" + sub, 2),
            [var verb, ..] => (verb, 1),
            _ => ("", 0),
        };
        args = words.Skip(skip).ToArray();
        return name == ReceivePack.Verb ? ReceivePack : name == UploadPack.Verb ? UploadPack : null;
    }

    public string? ProgramPath() =>
        ExecDirs.Select(dir => Path.Combine(dir, Verb)).FirstOrDefault(File.Exists);
}
