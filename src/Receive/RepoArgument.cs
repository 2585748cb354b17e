using Nap.Protocol;

namespace Nap.Receive;

/// <summary>
/// The repository argument git sends is whatever follows `host:` in the remote URL.
/// nap's repositories are flat, one per app, so the only shapes are `APP`, `APP.git`,
/// and the same after `/` (ssh:// URLs) or `~/` (`host:~/APP`). Nothing is resolved on
/// disk: the prefix and suffix are cut off and the rest must be a valid app name.
/// </summary>
public static class RepoArgument
{
    /// <returns>The app name, or null with a one-line reason.</returns>
    public static string? AppOf(string argument, out string? error)
    {
        var name = argument;
        if (name.StartsWith("~/", StringComparison.Ordinal))
            name = name[2..];
        else if (name.StartsWith('/'))
            name = name[1..];
        if (name.EndsWith(".git", StringComparison.Ordinal))
            name = name[..^4];

        error = AppName.Validate(name);
        return error is null ? name : null;
    }
}
