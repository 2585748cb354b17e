using System.Runtime.InteropServices;

namespace Nap.Receive;

/// <summary>The few libc calls .NET has no API for. Blittable signatures only, so AOT needs no marshalling stubs.</summary>
static unsafe partial class Native
{
    public const int SIGPIPE = 13;
    public const short POLLERR = 0x008;
    public const short POLLHUP = 0x010;
    public const int O_WRONLY = 0x1;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;
    public const int EINTR = 4;
    public const int ENXIO = 6;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int execve(byte* path, byte** argv, byte** envp);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint signal(int signum, nint handler);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport("libc")]
    public static partial int getppid();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint count, int timeoutMs);
}
