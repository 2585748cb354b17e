using Nap.Deployer.Apps;
using Nap.Deployer.Cluster;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Instances;

/// <summary>
/// `units APP`: the build unit and the current instance as systemd has them (systemctl cat); on a cluster the build
/// unit and the release's service, as napd renders it and as the engine has it.
/// </summary>
public sealed class UnitsVerb(AppDoor door, ServiceView services) : AppVerb(door, waitsForLock: false)
{
    public override string Verb => "units";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        if (app.Current is { Service: { } service } current)
        {
            await CatAsync(ReleaseNames.BuildUnit(app.Name), context, ct);
            foreach (var line in await services.LinesAsync(app, current, service, ct))
                await context.Reply.OutAsync(line);
            return 0;
        }
        var units = new List<string> { ReleaseNames.BuildUnit(app.Name) };
        units.Add(app.CurrentRelease is { } n ? ReleaseNames.Instance(app.Name, n) : ReleaseNames.Template(app.Name));
        foreach (var unit in units)
            await CatAsync(unit, context, ct);
        return 0;
    }

    static async Task CatAsync(string unit, VerbContext context, CancellationToken ct)
    {
        var text = await UnitText.CatAsync(unit, ct);
        foreach (var line in (text ?? $"# {unit}: not installed\n").TrimEnd('\n').Split('\n'))
            await context.Reply.OutAsync(line);
        await context.Reply.OutAsync("");
    }
}
