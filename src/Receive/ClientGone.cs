using System.Runtime.InteropServices;

namespace Nap.Receive;

/// <summary>
/// Cancels when the client is gone: the reader of stdout or stderr went away (sshd after the
/// connection closed; for a hook, git-receive-pack, which dies when its next write, a relayed
/// line or a keepalive, hits the closed connection), or a signal arrived. Watching for that,
/// rather than failing at the next write, lets napd stop a silent build or `logs -f` promptly.
/// </summary>
sealed class ClientGone : IDisposable
{
    readonly CancellationTokenSource cts = new();
    readonly PosixSignalRegistration[] signals;

    ClientGone()
    {
        signals = [.. new[] { PosixSignal.SIGHUP, PosixSignal.SIGINT, PosixSignal.SIGTERM }
            .Select(signal => PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                cts.Cancel();
            }))];
        new Thread(WatchPipes) { IsBackground = true, Name = "client-gone" }.Start();
    }

    public CancellationToken Token => cts.Token;

    public static ClientGone Watch() => new();

    unsafe void WatchPipes()
    {
        // Events 0: poll reports only POLLERR/POLLHUP, which a pipe's write end gets when its reader is gone.
        var fds = stackalloc Native.PollFd[2];
        fds[0] = new Native.PollFd { Fd = 1 };
        fds[1] = new Native.PollFd { Fd = 2 };
        while (!cts.IsCancellationRequested)
        {
            var ready = Native.poll(fds, 2, -1);
            if (ready < 0 && Marshal.GetLastPInvokeError() != 4 /* EINTR */)
                return;
            if (ready > 0 && ((fds[0].Revents | fds[1].Revents) & (Native.POLLERR | Native.POLLHUP)) != 0)
                cts.Cancel();
        }
    }

    public void Dispose()
    {
        foreach (var signal in signals)
            signal.Dispose();
        cts.Dispose();
    }
}
