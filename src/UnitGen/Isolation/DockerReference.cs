namespace Nap.UnitGen.Isolation;

/// <summary>
/// The repository an image reference names, as docker's distribution/reference normalises it: "nap/shop:1",
/// "docker.io/nap/shop@sha256:..." and "index.docker.io/nap/shop" are all "docker.io/nap/shop"; "alpine" is
/// "docker.io/library/alpine". It is lower-cased whole: docker refuses upper case in a repository and sends an
/// upper-case registry elsewhere, so reading them as the same name only ever refuses more.
/// </summary>
public static class DockerReference
{
    public const string Hub = "docker.io";

    // Docker Hub under its other names: "index.docker.io" is normalised by docker itself, "registry-1.docker.io"
    // is where it pulls from.
    static readonly string[] HubAliases = [Hub, "index.docker.io", "registry-1.docker.io"];

    public static string Repository(string reference)
    {
        var name = reference.Trim().ToLowerInvariant();
        // A source scheme as buildkit's named contexts write it.
        if (name.StartsWith("docker-image://", StringComparison.Ordinal))
            name = name["docker-image://".Length..];
        if (name.IndexOf('@') is var at and >= 0)
            name = name[..at];
        var slash = name.LastIndexOf('/');
        if (name.LastIndexOf(':') is var colon && colon > slash)
            name = name[..colon];

        var first = name.IndexOf('/');
        var domain = first >= 0 ? name[..first] : "";
        if (first < 0 || !(domain.Contains('.') || domain.Contains(':') || domain == "localhost"))
            return name.Contains('/') ? $"{Hub}/{name}" : $"{Hub}/library/{name}";
        var path = name[(first + 1)..];
        return HubAliases.Contains(domain) ? $"{Hub}/{(path.Contains('/') ? path : "library/" + path)}" : name;
    }

    /// <summary>The path of a Docker Hub repository without "library/" (which names no nap image), or null for another registry.</summary>
    public static string? HubPath(string reference)
    {
        var repository = Repository(reference);
        if (!repository.StartsWith(Hub + "/", StringComparison.Ordinal))
            return null;
        var path = repository[(Hub.Length + 1)..];
        return path.StartsWith("library/", StringComparison.Ordinal) ? path["library/".Length..] : path;
    }
}
