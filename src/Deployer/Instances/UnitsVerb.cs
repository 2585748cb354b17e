using Nap.Deployer.Apps;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Instances;

/// <summary>`units APP`: the build unit and the current instance as systemd has them (systemctl cat).</summary>
public sealed class UnitsVerb(AppDoor door) : AppVerb(door, waitsForLock: false)
{
    public override string Verb => "units";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var units = new List<string> { ReleaseNames.BuildUnit(app.Name) };
        units.Add(app.CurrentRelease is { } n ? ReleaseNames.Instance(app.Name, n) : ReleaseNames.Template(app.Name));
        foreach (var unit in units)
        {
            var text = await UnitText.CatAsync(unit, ct);
            foreach (var line in (text ?? $"# {unit}: not installed\n").TrimEnd('\n').Split('\n'))
                await context.Reply.OutAsync(line);
            await context.Reply.OutAsync("");
        }
        return 0;
    }
}
