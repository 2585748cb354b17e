using Nap.Deployer.Apps;
using Nap.Deployer.Cluster;
using Nap.Deployer.Docker;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Instances;

/// <summary>`status APP [--json]`: what runs (systemd's word for it), which release and revision, where, and how healthy.</summary>
public sealed class StatusVerb(AppDoor door, NapdConfig config, ISystemd systemd, IDocker docker, ServiceRunner services) : AppVerb(door, waitsForLock: false)
{
    public override string Verb => "status";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var cluster = app.Current?.Service is not null;
        var unit = app.Current is { } running && !app.Stopped && !cluster ? await systemd.StateAsync(ReleaseNames.Instance(app.Name, running.Number), ct) : null;
        var report = app.Current is { Service: { } name } ? await ServiceReportAsync(app, name, ct) : await ReportAsync(app, unit, ct);
        if (context.Json)
            return await context.Reply.JsonAsync(report, InstancesJson.Default.StatusReport);
        await context.Reply.DoneAsync(AppSlot.IsEnvironment(app.Name) ? $"{AppSlot.AppOf(app.Name)} ({report.Environment}): {report.State}" : $"{app.Name}: {report.State}");
        if (report.State == "failed" && app.Current is { } current && GaveUp(unit!) is { } restarts)
            await context.Reply.OutAsync($"systemd restarted release {current.Number} {restarts} times, then stopped: it crashed too often and hit its restart limit (see: logs {app.Name}; then: restart {app.Name})");
        if (report.StoppedWhy is { } why)
            await context.Reply.OutAsync($"stopped by napd: {why} (then: start {app.Name})");
        if (report.Release is { } n)
            await context.Reply.OutAsync($"release:  {n} ({report.Revision})");
        if (report.Url is { } url)
            await context.Reply.OutAsync($"address:  {url}");
        foreach (var domain in report.Domains)
            await context.Reply.OutAsync($"domain:   http://{domain}/");
        if (report.Health is { } health)
            await context.Reply.OutAsync($"health:   {health}");
        await context.Reply.OutAsync($"units:    {string.Join(' ', report.Units)}");
        if (report.LastFailure is { } failure)
            await context.Reply.OutAsync($"last failure: {failure}");
        return 0;
    }

    /// <summary>
    /// With Restart=always a release only ends up failed after restarts once systemd refuses more (StartLimitBurst);
    /// the refusal itself may leave Result at the last crash's "exit-code", so the restart count tells.
    /// </summary>
    static uint? GaveUp(UnitState unit) =>
        unit.Result == "start-limit-hit" || unit.Restarts != 0 ? unit.Restarts : null;

    /// <summary>On a cluster: active while a task of the current service serves, and how many do.</summary>
    async Task<StatusReport> ServiceReportAsync(AppState app, string service, CancellationToken ct)
    {
        var current = app.Current!;
        IReadOnlyList<TaskPlace> serving = app.Stopped ? [] : TaskPlace.Serving(await services.PlacesAsync(service, ct));
        var failed = app.Releases.LastOrDefault(r => r.Number > (app.CurrentRelease ?? 0) && r.Result is not ReleaseResult.Deployed and not ReleaseResult.Pending);
        return new StatusReport(AppSlot.AppOf(app.Name), app.Stopped ? "stopped" : serving.Count > 0 ? "active" : "inactive", current.Number, current.Revision,
            AppAddress.Url(config, app), AppAddress.Domains(config, app), [ReleaseNames.BuildUnit(app.Name), service],
            $"{serving.Count} of {app.Scale} tasks serve",
            failed is null ? null : $"release {failed.Number} ({ReleaseNames.Short(failed.Revision)}) {failed.Result}: {failed.Detail}")
            { Environment = AppSlot.EnvOf(app.Name), StoppedWhy = app.StoppedWhy };
    }

    /// <param name="unit">The current release's first instance as systemd has it; null when stopped or never deployed.</param>
    async Task<StatusReport> ReportAsync(AppState app, UnitState? unit, CancellationToken ct)
    {
        var current = app.Current;
        var state = current is null ? "new" : unit?.ActiveState ?? "stopped";
        string? health = current is null ? null : (await docker.HealthAsync(ReleaseNames.Container(app.Name, current.Number), ct)) switch
        {
            ContainerHealth.NoHealthCheck => "running (no HEALTHCHECK)",
            var h => h.ToString().ToLowerInvariant(),
        };
        var failed = app.Releases.LastOrDefault(r => r.Number > (app.CurrentRelease ?? 0) && r.Result is not ReleaseResult.Deployed and not ReleaseResult.Pending);
        List<string> units = [ReleaseNames.BuildUnit(app.Name), ReleaseNames.Template(app.Name)];
        if (current is not null)
            units.AddRange(InstanceRunner.UnitsOf(app.Name, current));
        return new StatusReport(AppSlot.AppOf(app.Name), state, current?.Number, current?.Revision, AppAddress.Url(config, app),
            AppAddress.Domains(config, app), units, health,
            failed is null ? null : $"release {failed.Number} ({ReleaseNames.Short(failed.Revision)}) {failed.Result}: {failed.Detail}")
            { Environment = AppSlot.EnvOf(app.Name), StoppedWhy = app.StoppedWhy };
    }
}
