using Nap.Deployer.State;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Deploys.Verbs;

/// <summary>`stop APP`: the current release stops and stays stopped across reboots until `start`.</summary>
public sealed class StopVerb(AppDoor door, AppStateStore store, ReleaseSwitch releases) : IVerbHandler
{
    public string Verb => "stop";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        using var locked = await door.OpenAsync(context, ct);
        if (locked is null)
            return 1;
        var app = locked.App;
        await releases.SettledAsync(app.Name);
        if (app.CurrentRelease is { } current)
            await releases.StopQuietlyAsync(ReleaseNames.Instance(app.Name, current));
        await store.UpdateAsync(app.Name, a => a.WithStopped(true), CancellationToken.None);
        await context.Reply.OutAsync($"=====> {app.Name} stopped");
        return 0;
    }
}
