using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Instances;

/// <summary>`stop APP` (and `ps:scale APP 0`): every instance of the current release stops and stays stopped across reboots until `start`.</summary>
public sealed class StopVerb(AppDoor door, AppStopper stopper) : AppVerb(door)
{
    public override string Verb => "stop";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        await stopper.StopAsync(app);
        await context.Reply.DoneAsync($"{app.Name} stopped");
        return 0;
    }
}
