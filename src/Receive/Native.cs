using System.Runtime.InteropServices;

namespace Nap.Receive;

/// <summary>The few libc calls .NET has no API for. Blittable signatures only, so AOT needs no marshalling stubs.</summary>
static unsafe partial class Native
{
    public const int SIGPIPE = 13;
    public const short POLLERR = 0x008;
    public const short POLLHUP = 0x010;

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

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint count, int timeoutMs);
}
