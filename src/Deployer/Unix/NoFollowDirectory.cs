using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Nap.Deployer.Unix;

/// <summary>
/// A directory napd (root) writes into although another user owns what holds it (a repository's hooks/, which
/// the nap user could replace with a symlink to /etc): it is opened without following a symlink in its place,
/// and every file in it is made, chowned, chmod-ed and renamed through that descriptor, never by path.
/// </summary>
public sealed class NoFollowDirectory : IDisposable
{
    readonly int fd;

    NoFollowDirectory(int fd) => this.fd = fd;

    /// <summary>The directory at <paramref name="path"/>, made where missing; a symlink or file in its place is removed first (never followed).</summary>
    public static NoFollowDirectory OpenOrCreate(string path)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var fd = Native.Open(path, Native.ReadOnly | Native.Directory | Native.NoFollow | Native.CloseOnExec, 0);
            if (fd >= 0)
                return new NoFollowDirectory(fd);
            var errno = Marshal.GetLastPInvokeError();
            if (errno is Native.ELOOP or Native.ENOTDIR)
                File.Delete(path); // unlink: removes the link or file itself, never what it points at
            else if (!Path.Exists(path))
                Directory.CreateDirectory(path);
            else
                throw new IOException($"cannot open {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
            if (!Path.Exists(path))
                Directory.CreateDirectory(path);
        }
        throw new IOException($"{path} keeps being replaced while napd writes it: try again");
    }

    /// <summary>Replaces <paramref name="name"/> whole: written aside with its final mode and owner, then renamed, so a reader sees the old file or the new one.</summary>
    public void Replace(string name, string content, UnixFileMode mode, (int Uid, int Gid)? owner)
    {
        var temp = $".{name}.{Guid.NewGuid():N}.tmp";
        var file = Native.OpenAt(fd, temp, Native.WriteOnly | Native.Create | Native.Exclusive | Native.NoFollow | Native.CloseOnExec, (int)mode);
        if (file < 0)
            throw new IOException($"cannot create {temp}: {Marshal.GetLastPInvokeErrorMessage()}");
        try
        {
            using (var handle = new SafeFileHandle(file, ownsHandle: true))
            {
                RandomAccess.Write(handle, Encoding.UTF8.GetBytes(content), 0);
                // Through the descriptor: the mode is exact whatever the umask, and no path is followed.
                Check(Native.FChmod(file, (int)mode), "chmod", temp);
                if (owner is var (uid, gid))
                    Check(Native.FChown(file, uid, gid), "chown", temp);
            }
            Check(Native.RenameAt(fd, temp, fd, name), "rename", temp);
        }
        catch
        {
            Native.UnlinkAt(fd, temp, 0);
            throw;
        }
    }

    static void Check(int result, string what, string name)
    {
        if (result != 0)
            throw new IOException($"{what} {name}: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    public void Dispose() => Native.Close(fd);
}
