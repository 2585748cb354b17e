using System.Text.RegularExpressions;

namespace Nap.UnitGen.RemoteAdds;

/// <summary>What an ADD source names for the engine: a file of the context, a URL it fetches, or a git repository it clones.</summary>
public enum SourceKind { Local, Http, Git }

/// <summary>
/// buildkit's reading of an ADD source (dockerfile2llb's isHTTPSource and dfgitutil.ParseGitRef), made wider where
/// the engines differ, so that whatever some engine would fetch is never taken for a local file: any `scheme://`
/// (buildkit's protoRegexp) and any scp-like `user@host:path` counts as remote here.
/// </summary>
public static partial class SourceKinds
{
    [GeneratedRegex("^[a-zA-Z0-9]+://", RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();

    // buildkit's gitSSHRegex (util/sshutil): git@github.com:moby/buildkit.git
    [GeneratedRegex(@"^[a-zA-Z0-9_-]+@[a-zA-Z0-9.-]+:", RegexOptions.CultureInvariant)]
    private static partial Regex ScpLike();

    public static SourceKind Of(string source)
    {
        if (source.StartsWith("<<", StringComparison.Ordinal))
            return SourceKind.Local;
        if (Scheme().Match(source) is { Success: true } scheme)
        {
            var name = scheme.Value[..^3].ToLowerInvariant();
            return name is "http" or "https" && !PathEndsWithGit(source) ? SourceKind.Http : SourceKind.Git;
        }
        return ScpLike().IsMatch(source) ? SourceKind.Git : SourceKind.Local;
    }

    /// <summary>True for a source an engine fetches or clones from the network, whatever its form.</summary>
    public static bool IsRemote(string source) => Of(source) != SourceKind.Local;

    // An http(s) URL is a git repository when its path (no query, no fragment) ends with .git.
    private static bool PathEndsWithGit(string url)
    {
        var end = url.IndexOfAny(['?', '#']);
        return (end < 0 ? url : url[..end]).EndsWith(".git", StringComparison.Ordinal);
    }
}
