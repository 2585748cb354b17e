namespace Nap.Deployer.Builds;

/// <summary>
/// The BuildKit source policy of every build: the engine fetches no URL and clones no git repository, whoever asks
/// (the Dockerfile napd rewrote has none left; an ONBUILD trigger of a pulled base image could). Images and the
/// context stay allowed. buildx 0.11 and later pass it to the engine (Debian 13's docker 26); docker 20.10 (Debian 12)
/// cannot, and there napd's check of local base images' triggers stands alone (<see cref="BaseImageTriggers"/>).
/// </summary>
public static class SourcePolicy
{
    public const string Json = """
        {
          "rules": [
            { "action": "DENY", "selector": { "identifier": "http://*", "matchType": "WILDCARD" } },
            { "action": "DENY", "selector": { "identifier": "https://*", "matchType": "WILDCARD" } },
            { "action": "DENY", "selector": { "identifier": "git://*", "matchType": "WILDCARD" } }
          ]
        }
        """;

    public static void WriteTo(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, Json);
    }
}
