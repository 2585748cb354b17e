using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Hooks;

/// <summary>`hooks:remove APP` (the app's owner or an admin): the hook, its secret, deploy key and delivery log. Deliveries then get 404.</summary>
public sealed class HooksRemoveVerb(AppDoor door, HookStore store) : AppVerb(door, AppGate.Need.Manage)
{
    public override string Verb => "hooks:remove";

    protected override string? Refusal(VerbContext context) => HookScope.EnvRefusal(context) ?? (context.Args.Count == 1 ? null : "use hooks:remove APP");

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        if (!store.Remove(app.Name))
        {
            await context.Reply.OutAsync($"{app.Name} has no webhook");
            return 0;
        }
        await context.Reply.DoneAsync($"webhook of {app.Name} removed: remove it and its deploy key at the forge too");
        return 0;
    }
}
