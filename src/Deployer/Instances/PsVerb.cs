using Nap.Deployer.Apps;
using Nap.Deployer.Cluster;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Instances;

/// <summary>
/// `ps APP [--json]`: the current release's instances, each with its unit, port and systemd's state; on a cluster its
/// service's tasks, each with its node, the node's address, the published port and the engine's state.
/// </summary>
public sealed class PsVerb(AppDoor door, ISystemd systemd, ServiceRunner services) : AppVerb(door, waitsForLock: false)
{
    public override string Verb => "ps";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        if (app.Current?.Service is { } service)
            return await TasksAsync(app, service, context, ct);
        var recorded = app.Current is { } current ? AppInstance.Of(app.Name, current.Number, current.Ports) : [];
        var lines = new List<InstanceLine>();
        foreach (var instance in recorded)
            lines.Add(new InstanceLine(instance.Index, instance.Unit, instance.Port, (await systemd.StateAsync(instance.Unit, ct)).ActiveState));
        var report = new PsReport(AppSlot.AppOf(app.Name), app.Scale, app.CurrentRelease, app.Stopped, lines) { Environment = AppSlot.EnvOf(app.Name), StoppedWhy = app.StoppedWhy };
        if (context.Json)
            return await context.Reply.JsonAsync(report, InstancesJson.Default.PsReport);
        var what = app.CurrentRelease is { } n ? $"release {n}" : "no release yet";
        await context.Reply.DoneAsync($"{Label(app.Name)}: scale {app.Scale}, {what}{Stopped(app)}");
        foreach (var line in lines)
            await context.Reply.OutAsync($"{line.Unit,-32} 127.0.0.1:{line.Port,-6} {line.State}");
        return 0;
    }

    async Task<int> TasksAsync(AppState app, string service, VerbContext context, CancellationToken ct)
    {
        var places = await services.PlacesAsync(service, ct);
        var tasks = places.Select(p => new TaskLine(p.Slot, p.Node, p.Address, p.Port, p.State, p.Error)).ToArray();
        var report = new PsReport(AppSlot.AppOf(app.Name), app.Scale, app.CurrentRelease, app.Stopped, [])
            { Environment = AppSlot.EnvOf(app.Name), Service = service, Tasks = tasks, StoppedWhy = app.StoppedWhy };
        if (context.Json)
            return await context.Reply.JsonAsync(report, InstancesJson.Default.PsReport);
        await context.Reply.DoneAsync($"{Label(app.Name)}: scale {app.Scale}, release {app.CurrentRelease} as service {service}{Stopped(app)}");
        foreach (var task in tasks)
            await context.Reply.OutAsync($"task {task.Slot,-3} {task.Node,-20} {task.Address}:{task.Port,-6} {task.State}{(task.Error is { } e ? $" ({Untrusted.Printable(e)})" : "")}");
        return 0;
    }

    static string Stopped(AppState app) =>
        !app.Stopped ? "" : app.StoppedWhy is { } why ? $", stopped by napd: {why}" : ", stopped";

    static string Label(string slot) => AppSlot.IsEnvironment(slot) ? $"{AppSlot.AppOf(slot)} ({AppSlot.EnvOf(slot)})" : slot;
}
