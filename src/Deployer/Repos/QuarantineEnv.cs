using Nap.Deployer.Unix;
using Nap.Protocol;

namespace Nap.Deployer.Repos;

/// <summary>
/// Git's pre-receive environment, as the hook forwards it in <c>NapRequest.GitEnv</c>. It comes from the
/// nap user, so napd (root) uses only the object-directory variables and only when every path lies
/// inside the app's repository: a forged path must not make root read objects from elsewhere.
/// </summary>
public static class QuarantineEnv
{
    /// <summary>The validated variables, with canonical paths, ready for git's environment.</summary>
    /// <exception cref="ArgumentException">a variable is missing, unknown, or points outside the repository.</exception>
    public static IReadOnlyDictionary<string, string> Validate(string repo, IReadOnlyDictionary<string, string>? gitEnv)
    {
        if (gitEnv is null || !gitEnv.ContainsKey(GitQuarantine.ObjectDirectory))
            throw new ArgumentException($"the hook sent no {GitQuarantine.ObjectDirectory}: is it running under git-receive-pack?");
        if (gitEnv.Keys.FirstOrDefault(k => !GitQuarantine.Names.Contains(k)) is { } unknown)
            throw new ArgumentException($"unexpected git variable {Untrusted.Printable(unknown)}");
        var root = UnixPath.Real(repo) ?? throw new ArgumentException($"no repository at {repo}");

        var safe = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in gitEnv)
        {
            var dirs = name == GitQuarantine.AlternateObjectDirectories ? value.Split(':', StringSplitOptions.RemoveEmptyEntries) : [value];
            safe[name] = string.Join(':', dirs.Select(dir => Inside(root, name, dir)));
        }

        return safe;
    }

    static string Inside(string root, string name, string dir)
    {
        // Git quotes an alternate that holds ':' or '"'; no path inside a repository named by napd does.
        if (!Path.IsPathRooted(dir) || dir.Contains('"') || dir.Any(char.IsControl))
            throw new ArgumentException($"{name} is not a plain absolute path");
        var real = UnixPath.Real(dir);
        if (real is null || !UnixPath.IsInside(real, root))
            throw new ArgumentException($"{name} points outside {root}");
        return real;
    }
}
