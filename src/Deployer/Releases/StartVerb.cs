using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

/// <summary>`start APP`: a stopped app runs its current image again, through the health gate.</summary>
public sealed class StartVerb(AppDoor door, Redeploy redeploy) : IVerbHandler
{
    public string Verb => "start";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        using var locked = await door.OpenAsync(context, ct);
        if (locked is null)
            return 1;
        if (!locked.App.Stopped && locked.App.CurrentRelease is not null)
        {
            await context.Reply.DoneAsync($"{locked.App.Name} is not stopped (restart it with: restart {locked.App.Name})");
            return 0;
        }
        return await redeploy.RunAsync(locked.App, null, "start as release", context, ct);
    }
}
