namespace Nap.Deployer.Docker;

/// <summary>docker's env-file format as nap writes it: NAME=VALUE lines, blank lines and # comments skipped.</summary>
public static class EnvFile
{
    /// <summary>The file's pairs in order; none when there is no file.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string path) =>
        !File.Exists(path) ? [] : [.. File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .Select(kv => KeyValuePair.Create(kv[0], kv[1]))];
}
