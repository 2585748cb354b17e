using Tmds.DBus.Protocol;

namespace Nap.Deployer.Systemd;

/// <summary>
/// <see cref="ISystemd"/> over the system bus, as systemctl itself talks to systemd: one connection for napd's
/// life, each job awaited through the manager's JobRemoved signal rather than a process that polls.
/// </summary>
public sealed partial class SystemdBus(string address) : ISystemd, IDisposable
{
    const string Service = "org.freedesktop.systemd1";
    const string ManagerPath = "/org/freedesktop/systemd1";
    const string Manager = "org.freedesktop.systemd1.Manager";
    const string UnitInterface = "org.freedesktop.systemd1.Unit";
    const string ServiceInterface = "org.freedesktop.systemd1.Service";
    const string Properties = "org.freedesktop.DBus.Properties";

    public static SystemdBus ForHost() => new(DBusAddress.System ?? "unix:path=/run/dbus/system_bus_socket");

    public Task StartAsync(string unit, CancellationToken ct) => RunJobAsync("StartUnit", unit, ct);

    public Task StopAsync(string unit, CancellationToken ct) => RunJobAsync("StopUnit", unit, ct);

    public Task EnableAsync(string unit, CancellationToken ct) =>
        CallAsync(ManagerPath, Manager, "EnableUnitFiles", "asbb", (ref MessageWriter w) => { w.WriteArray(new[] { unit }); w.WriteBool(false); w.WriteBool(false); }, ct);

    public Task DisableAsync(string unit, CancellationToken ct) =>
        CallAsync(ManagerPath, Manager, "DisableUnitFiles", "asb", (ref MessageWriter w) => { w.WriteArray(new[] { unit }); w.WriteBool(false); }, ct);

    public Task ResetFailedAsync(string unit, CancellationToken ct) =>
        CallAsync(ManagerPath, Manager, "ResetFailedUnit", "s", (ref MessageWriter w) => w.WriteString(unit), ct);

    public Task ReloadAsync(CancellationToken ct) =>
        LazyInitializer.EnsureInitialized(ref reloads, () => new ReloadQueue(() => CallAsync(ManagerPath, Manager, "Reload", null, null, CancellationToken.None)))
            .ReloadAsync().WaitAsync(ct);

    ReloadQueue? reloads;

    public async Task<UnitState> StateAsync(string unit, CancellationToken ct)
    {
        if (await UnitPathAsync(unit, ct) is not { } path)
            return UnitState.NotLoaded;
        var properties = PropertiesAsync(path, UnitInterface, ct);
        var service = unit.EndsWith(".service", StringComparison.Ordinal) ? PropertiesAsync(path, ServiceInterface, ct) : null;
        return ToState(await properties, service is null ? null : await service);
    }

    public async Task<IReadOnlyList<string>> ChangedOnDiskAsync(IReadOnlyList<string> patterns, CancellationToken ct)
    {
        var loaded = await CallAsync(ManagerPath, Manager, "ListUnitsByPatterns", "asas",
            (ref MessageWriter w) => { w.WriteArray(Array.Empty<string>()); w.WriteArray(patterns.ToArray()); }, ReadUnitList, ct);
        var changed = new List<string>();
        foreach (var (name, path) in loaded)
            if ((await PropertiesAsync(path, UnitInterface, ct)).TryGetValue("NeedDaemonReload", out var need) && need.GetBool())
                changed.Add(name);
        return changed;
    }

    /// <summary>The unit's object path when systemd has it loaded; null otherwise (GetUnit would load nothing).</summary>
    async Task<string?> UnitPathAsync(string unit, CancellationToken ct)
    {
        try
        {
            return await CallAsync(ManagerPath, Manager, "GetUnit", "s", (ref MessageWriter w) => w.WriteString(unit),
                static (Message m, object? _) => m.GetBodyReader().ReadObjectPathAsString(), ct);
        }
        catch (SystemdException e) when (e.ErrorName == SystemdException.NoSuchUnit)
        {
            return null;
        }
    }

    Task<Dictionary<string, VariantValue>> PropertiesAsync(string path, string @interface, CancellationToken ct) =>
        CallAsync(path, Properties, "GetAll", "s", (ref MessageWriter w) => w.WriteString(@interface),
            static (Message m, object? _) => m.GetBodyReader().ReadDictionaryOfStringToVariantValue(), ct);

    static UnitState ToState(Dictionary<string, VariantValue> unit, Dictionary<string, VariantValue>? service)
    {
        string Text(Dictionary<string, VariantValue>? from, string name, string fallback) =>
            from is not null && from.TryGetValue(name, out var v) && v.Type == VariantValueType.String ? v.GetString() : fallback;
        uint Number(string name) => service is not null && service.TryGetValue(name, out var v) && v.Type == VariantValueType.UInt32 ? v.GetUInt32() : 0;
        return new UnitState(
            Text(unit, "ActiveState", "inactive"),
            Text(unit, "SubState", "dead"),
            (int)Number("MainPID"),
            unit.TryGetValue("NeedDaemonReload", out var need) && need.GetBool(),
            service is not null && service.TryGetValue("ExecMainStatus", out var status) && status.Type == VariantValueType.Int32 ? status.GetInt32() : 0,
            Number("NRestarts"),
            Text(service, "Result", "success"));
    }

    /// <summary>ListUnitsByPatterns' a(ssssssouso): name and object path of each loaded unit.</summary>
    static List<(string Name, string Path)> ReadUnitList(Message message, object? _)
    {
        var reader = message.GetBodyReader();
        var units = new List<(string, string)>();
        var end = reader.ReadArrayStart(DBusType.Struct);
        while (reader.HasNext(end))
        {
            reader.AlignStruct();
            var name = reader.ReadString();
            for (var i = 0; i < 5; i++)
                reader.ReadString();
            var path = reader.ReadObjectPathAsString();
            reader.ReadUInt32();
            reader.ReadString();
            reader.ReadObjectPathAsString();
            units.Add((name, path));
        }
        return units;
    }
}
