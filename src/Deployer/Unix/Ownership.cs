using System.Runtime.InteropServices;

namespace Nap.Deployer.Unix;

/// <summary>chown for files napd (root) makes on behalf of the nap user.</summary>
public static class Ownership
{
    /// <summary>Like <c>chown -R</c> without following symlinks, which the nap user could plant.</summary>
    public static void ChangeRecursive(string path, int uid, int gid)
    {
        Change(path, uid, gid);
        if ((File.GetAttributes(path) & (FileAttributes.Directory | FileAttributes.ReparsePoint)) != FileAttributes.Directory)
            return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(path))
            ChangeRecursive(entry, uid, gid);
    }

    public static void Change(string path, int uid, int gid)
    {
        if (Native.LChown(path, uid, gid) != 0)
            throw new IOException($"chown {uid}:{gid} {path}: {Marshal.GetLastPInvokeErrorMessage()}");
    }
}
