using System.Runtime.InteropServices;

namespace Nap.Deployer.Unix;

public static class UnixPath
{
    /// <summary>The canonical absolute path, symlinks resolved; null when it does not exist.</summary>
    public static string? Real(string path)
    {
        var resolved = Native.RealPath(path, 0);
        if (resolved == 0)
            return null;
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Native.Free(resolved);
        }
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or below it (both canonical).</summary>
    public static bool IsInside(string path, string root) =>
        path == root || path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal);
}
