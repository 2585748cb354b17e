using System.Runtime.InteropServices;

namespace Nap.Receive;

/// <summary>
/// Cancels when the client is gone: a signal arrived, or a pipe towards the client lost its
/// reader. For a verb that is our own stdout or stderr, which sshd reads. For the hook it is
/// git-receive-pack's stdout: when the client leaves, git's keepalive thread dies on the closed
/// pipe, but git itself goes on waiting for the hook (a known git limitation), and the hook's
/// own pipes still have git as their reader. So the hook watches git's connection directly.
/// </summary>
sealed class ClientGone : IDisposable
{
    readonly CancellationTokenSource cts = new();
    readonly PosixSignalRegistration[] signals;
    readonly int gitConnection = -1;

    ClientGone(bool watchGitConnection)
    {
        signals = [.. new[] { PosixSignal.SIGHUP, PosixSignal.SIGINT, PosixSignal.SIGTERM }
            .Select(signal => PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                cts.Cancel();
            }))];
        if (watchGitConnection && !TryOpenGitConnection(out gitConnection))
            cts.Cancel();
        new Thread(WatchPipes) { IsBackground = true, Name = "client-gone" }.Start();
    }

    public CancellationToken Token => cts.Token;

    public static ClientGone Watch() => new(watchGitConnection: false);

    /// <summary>For the pre-receive hook, whose parent is git-receive-pack.</summary>
    public static ClientGone WatchThroughGit() => new(watchGitConnection: true);

    // Reopens the parent's stdout through /proc, which works for a pipe (what sshd gives a session
    // without a tty) and nothing else: then there is nothing to watch, which is not "gone".
    // Same user, so no privilege is involved; the fd is only polled, never written.
    static bool TryOpenGitConnection(out int fd)
    {
        fd = -1;
        var link = $"/proc/{Native.getppid()}/fd/1";
        try
        {
            if (new FileInfo(link).LinkTarget is not { } target || !target.StartsWith("pipe:", StringComparison.Ordinal))
                return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }

        fd = Native.open(link, Native.O_WRONLY | Native.O_NONBLOCK | Native.O_CLOEXEC);
        // ENXIO: the pipe has no reader any more, the client left already.
        return fd >= 0 || Marshal.GetLastPInvokeError() != Native.ENXIO;
    }

    unsafe void WatchPipes()
    {
        // Events 0: poll reports only POLLERR/POLLHUP, which a pipe's write end gets when its reader is gone.
        var fds = stackalloc Native.PollFd[3];
        fds[0] = new Native.PollFd { Fd = 1 };
        fds[1] = new Native.PollFd { Fd = 2 };
        fds[2] = new Native.PollFd { Fd = gitConnection };
        var count = gitConnection >= 0 ? 3u : 2u;
        while (!cts.IsCancellationRequested)
        {
            var ready = Native.poll(fds, count, -1);
            if (ready < 0 && Marshal.GetLastPInvokeError() != Native.EINTR)
                return;
            for (var i = 0; ready > 0 && i < count; i++)
                if ((fds[i].Revents & (Native.POLLERR | Native.POLLHUP)) != 0)
                    cts.Cancel();
        }
    }

    public void Dispose()
    {
        foreach (var signal in signals)
            signal.Dispose();
        if (gitConnection >= 0)
            Native.close(gitConnection);
        cts.Dispose();
    }
}
