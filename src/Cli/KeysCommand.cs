using System.Text;
using System.Text.Json;
using Nap.Protocol;

namespace Nap.Cli;

/// <summary>`nap keys add|list|remove`: the keys that may push, in NapPaths' authorized_keys.</summary>
public static class KeysCommand
{
    public const string Help = """
        Usage: nap keys add NAME [--admin] < key.pub   register a public key under NAME
               nap keys list [--json]                  the registered keys and their fingerprints
               nap keys remove NAME                    take NAME's key away
        """;

    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, stdin, stdout, stderr, NapPaths.FromEnvironment());

    /// <summary>New lines run the nap-receive napd.json names (receiveBinary), as the repositories' hooks do.</summary>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, NapPaths paths)
    {
        string receiveBinary;
        try
        {
            receiveBinary = ReceiveBinary.FromConfig(paths.ConfigFile);
        }
        catch (InvalidDataException e)
        {
            return await Fail(stderr, $"{e.Message}: the key lines would run no nap-receive; fix napd.json first");
        }
        return await RunAsync(args, stdin, stdout, stderr, paths.AuthorizedKeys, receiveBinary);
    }

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, string authorizedKeys, string receiveBinary)
    {
        try
        {
            return await DispatchAsync(args, stdin, stdout, stderr, new Keys(authorizedKeys, receiveBinary));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await Fail(stderr, $"cannot change {authorizedKeys}: {e.Message} (run it as root on the nap host)");
        }
    }

    /// <summary>The file and the forced command its new lines run.</summary>
    sealed record Keys(string Path, string ReceiveBinary)
    {
        public KeysFile Load() => KeysFile.Load(Path, ReceiveBinary);
    }

    static async Task<int> DispatchAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, Keys authorizedKeys)
    {
        switch (args)
        {
            case ["add", var name, .. var flags] when flags is [] or ["--admin"]:
                return await AddAsync(name, flags is ["--admin"], stdin, stdout, stderr, authorizedKeys);
            case ["list", .. var flags] when flags is [] or ["--json"]:
                return List(flags is ["--json"], stdout, authorizedKeys);
            case ["remove", var name]:
                return await RemoveAsync(name, stdout, stderr, authorizedKeys);
            case [] or ["help" or "--help" or "-h"]:
                await stdout.WriteLineAsync(Help);
                return 0;
            default:
                await stderr.WriteLineAsync($"nap keys: unknown arguments '{Untrusted.Printable(string.Join(' ', args))}': run 'nap keys --help'");
                return 2;
        }
    }

    static async Task<int> AddAsync(string name, bool admin, TextReader stdin, TextWriter stdout, TextWriter stderr, Keys path)
    {
        if (KeyName.Validate(name) is { } badName)
            return await Fail(stderr, badName);
        var lines = (await stdin.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length != 1)
            return await Fail(stderr, lines.Length == 0
                ? "no public key on stdin: nap keys add NAME < key.pub"
                : $"{lines.Length} lines on stdin: give exactly one public key");
        if (SshPublicKey.Parse(lines[0], out var error) is not { } key)
            return await Fail(stderr, error);

        using var _ = await FileLock(path.Path);
        var file = path.Load();
        if (file.Keys.FirstOrDefault(k => k.Name == name) is not null)
            return await Fail(stderr, $"a key named '{name}' already exists: remove it first or choose another name");
        if (file.Keys.FirstOrDefault(k => k.Key.Fingerprint == key.Fingerprint) is { } same)
            return await Fail(stderr, $"this key ({key.Fingerprint}) is already registered as '{same.Name}'");
        file.Add(new AuthorizedKey(name, admin, key)).Save();
        await stdout.WriteLineAsync($"added key '{name}'{(admin ? " (admin)" : "")}: {key.Fingerprint}");
        return 0;
    }

    static int List(bool json, TextWriter stdout, Keys path)
    {
        var keys = path.Load().Keys.ToList();
        if (json)
        {
            stdout.WriteLine(ToJson(keys));
            return 0;
        }
        if (keys.Count == 0)
            stdout.WriteLine("no keys yet: nap keys add NAME < key.pub");
        foreach (var k in keys)
            stdout.WriteLine($"{k.Name,-20} {(k.Admin ? "admin" : "-"),-6} {k.Key.Fingerprint} {k.Key.Type}");
        return 0;
    }

    static async Task<int> RemoveAsync(string name, TextWriter stdout, TextWriter stderr, Keys path)
    {
        using var _ = await FileLock(path.Path);
        var file = path.Load();
        if (!file.Keys.Any(k => k.Name == name))
            return await Fail(stderr, $"no key named '{Untrusted.Printable(name)}': see nap keys list");
        file.Remove(name).Save();
        await stdout.WriteLineAsync($"removed key '{name}'");
        return 0;
    }

    static Task<IDisposable> FileLock(string path) => KeysFile.LockAsync(path);

    static string ToJson(IEnumerable<AuthorizedKey> keys)
    {
        using var buffer = new MemoryStream();
        // Fingerprints are base64: the default encoder would print '+' as \u002B, which nobody can grep for.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var k in keys)
            {
                writer.WriteStartObject();
                writer.WriteString("name", k.Name);
                writer.WriteBoolean("admin", k.Admin);
                writer.WriteString("type", k.Key.Type);
                writer.WriteString("fingerprint", k.Key.Fingerprint);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static async Task<int> Fail(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync("nap keys: " + message);
        return 1;
    }
}
