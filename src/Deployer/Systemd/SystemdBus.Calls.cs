using Tmds.DBus.Protocol;

namespace Nap.Deployer.Systemd;

public sealed partial class SystemdBus
{
    delegate void BodyWriter(ref MessageWriter writer);

    readonly SemaphoreSlim connecting = new(1, 1);
    DBusConnection? connection;

    Task CallAsync(string path, string @interface, string member, string? signature, BodyWriter? body, CancellationToken ct) =>
        CallAsync(path, @interface, member, signature, body, static (Message _, object? _) => true, ct);

    async Task<T> CallAsync<T>(string path, string @interface, string member, string? signature, BodyWriter? body, MessageValueReader<T> reader, CancellationToken ct)
    {
        var bus = await ConnectedAsync(ct);
        try
        {
            return await bus.CallMethodAsync(Message(bus, path, @interface, member, signature, body), reader).WaitAsync(ct);
        }
        catch (DBusErrorReplyException e)
        {
            throw new SystemdException(e.ErrorMessage, e.ErrorName);
        }
        catch (DBusConnectionException e)
        {
            Forget(bus);
            throw new SystemdException($"the connection to systemd over D-Bus broke ({e.Message}): the next request connects again");
        }
    }

    static MessageBuffer Message(DBusConnection bus, string path, string @interface, string member, string? signature, BodyWriter? body)
    {
        var writer = bus.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(destination: Service, path: path, @interface: @interface, member: member, signature: signature);
            body?.Invoke(ref writer);
            return writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>
    /// The connection, made on first use and again after it broke (the bus restarted, systemd re-executed):
    /// every new one watches JobRemoved and subscribes, or jobs would end unseen.
    /// </summary>
    async Task<DBusConnection> ConnectedAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref connection) is { } ready)
            return ready;
        await connecting.WaitAsync(ct);
        try
        {
            if (connection is { } raced)
                return raced;
            var bus = new DBusConnection(address);
            try
            {
                await bus.ConnectAsync();
                await bus.WatchSignalAsync(Service, ManagerPath, Manager, "JobRemoved", ReadJobRemoved, OnJobRemoved, ObserverFlags.None, emitOnCapturedContext: false);
                await bus.CallMethodAsync(Message(bus, ManagerPath, Manager, "Subscribe", null, null));
            }
            catch (Exception e) when (e is DBusExceptionBase or IOException or System.Net.Sockets.SocketException)
            {
                bus.Dispose();
                throw new SystemdException($"systemd cannot be reached over D-Bus at {address} ({e.Message}): is dbus running (systemctl status dbus)?");
            }
            _ = WatchDisconnectAsync(bus);
            connection = bus;
            return bus;
        }
        finally
        {
            connecting.Release();
        }
    }

    async Task WatchDisconnectAsync(DBusConnection bus)
    {
        var reason = await bus.DisconnectedAsync();
        Forget(bus);
        jobs.Lost(reason?.Message ?? "the connection closed");
    }

    void Forget(DBusConnection bus)
    {
        if (Interlocked.CompareExchange(ref connection, null, bus) == bus)
            bus.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref connection, null) is { } bus)
            bus.Dispose();
    }
}
