using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

/// <summary>`start APP`: a stopped app runs its current image again, through the health gate.</summary>
public sealed class StartVerb(AppDoor door, Redeploy redeploy) : AppVerb(door)
{
    public override string Verb => "start";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        if (!app.Stopped && app.CurrentRelease is not null)
        {
            await context.Reply.DoneAsync($"{app.Name} is not stopped (restart it with: restart {app.Name})");
            return 0;
        }
        return await redeploy.RunAsync(app, null, "start as release", context, ct);
    }
}
