using System.Runtime.InteropServices;

namespace Nap.Receive;

/// <summary>
/// Cancels when the pusher is gone. A hook learns that the hard way: git-receive-pack dies
/// when its next write (a relayed line, a keepalive) hits the closed connection, which closes
/// the hook's stdout and stderr pipes; or a signal arrives. Watching for that, rather than
/// waiting to fail on the next write, lets napd stop a silent build promptly.
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
