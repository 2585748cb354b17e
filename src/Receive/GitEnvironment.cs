using System.Text.RegularExpressions;

namespace Nap.Receive;

/// <summary>
/// The environment git-receive-pack and git-upload-pack get: a fixed PATH, the account's own variables, the
/// locale, and who pushes what; nothing else from the client's side. Should an admin ever widen sshd's AcceptEnv,
/// a client's GIT_CONFIG_*, GIT_DIR or LD_PRELOAD must still not reach git, where they would run code as nap.
/// </summary>
public static partial class GitEnvironment
{
    const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    // The account's own, the locale, and nap's path overrides (NapPaths.FromEnvironment): the hook git runs reads them.
    static readonly string[] Kept = ["HOME", "USER", "LOGNAME", "LANG", "TZ", "NAP_DATA_DIR", "NAP_CONFIG_DIR", "NAP_RUNTIME_DIR"];

    // git's own wire-protocol negotiation, which ssh may pass on (SendEnv/AcceptEnv GIT_PROTOCOL): only its plain values.
    [GeneratedRegex("^version=[0-2]$")]
    private static partial Regex Protocol();

    public static IReadOnlyDictionary<string, string> For(string key, string app, Func<string, string?> current)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = Path, ["NAP_KEY"] = key, ["NAP_APP"] = app };
        foreach (var name in Kept)
            if (current(name) is { Length: > 0 } value)
                env[name] = value;
        if (current("GIT_PROTOCOL") is { } protocol && Protocol().IsMatch(protocol))
            env["GIT_PROTOCOL"] = protocol;
        return env;
    }
}
