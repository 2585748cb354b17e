using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Instances;

/// <summary>`stop APP` (and `ps:scale APP 0`): every instance of the current release stops and stays stopped across reboots until `start`.</summary>
public sealed class StopVerb(AppDoor door, AppStopper stopper) : IVerbHandler
{
    public string Verb => "stop";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        using var locked = await door.OpenAsync(context, ct);
        if (locked is null)
            return 1;
        await stopper.StopAsync(locked.App);
        await context.Reply.DoneAsync($"{locked.App.Name} stopped");
        return 0;
    }
}
