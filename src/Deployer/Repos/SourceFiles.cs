using Nap.Deployer.Settings;
using Nap.Deployer.Unix;

namespace Nap.Deployer.Repos;

/// <summary>
/// Reading a file of an extracted tree as root. A pushed tree may hold symlinks (legitimately, for the
/// image), so `Dockerfile -> /etc/shadow` is pushable: napd must never follow one out of the tree, or a
/// parse error would echo root's files to the pusher. Read pushed files through here, not File.ReadAllText.
/// </summary>
public static class SourceFiles
{
    /// <summary>The file's text, or null when the tree has no such file.</summary>
    /// <exception cref="InvalidDataException">it leads outside the tree or is not a regular file.</exception>
    /// <param name="maxBytes">Larger files are refused before they are read (<see cref="InvalidDataException"/>).</param>
    /// <param name="limit">The napd.json limit that sets <paramref name="maxBytes"/>, named in the refusal.</param>
    public static string? ReadText(string tree, string relativePath, long maxBytes = long.MaxValue, string limit = "dockerfileKilobytes")
    {
        var path = Path.Combine(tree, relativePath);
        if (!File.Exists(path) && !Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
            return null;
        var real = UnixPath.Real(path);
        var root = UnixPath.Real(tree) ?? throw new DirectoryNotFoundException(tree);
        if (real is null || !UnixPath.IsInside(real, root) || real == root)
            throw new InvalidDataException($"{relativePath} in the pushed tree is a symlink that leads outside it: nap reads only files inside the tree");
        if (!File.Exists(real))
            throw new InvalidDataException($"{relativePath} in the pushed tree is not a regular file");
        if (new FileInfo(real).Length is var length && length > maxBytes)
            throw new InvalidDataException($"{relativePath} is {length >> 10} KB, more than this host takes ({maxBytes >> 10} KB, {TenantLimits.Name(limit)})");
        return File.ReadAllText(real);
    }
}
