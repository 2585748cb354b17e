using Nap.Deployer.Apps;
using Nap.Deployer.Releases;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Environments;

/// <summary>`envs:remove APP ENV`: stops and removes one environment as `destroy` removes an app; its branch stays in the repository.</summary>
public sealed class EnvsRemoveVerb(AppDoor door, AppStateStore store, AppRemoval removal) : AppVerb(door, AppGate.Need.Manage)
{
    public override string Verb => "envs:remove";

    protected override string? Refusal(VerbContext context) =>
        context.Env is not null || context.Args.Count != 2
            ? "usage: envs:remove APP ENV"
            : context.Args[1] == EnvName.Production
                ? $"production is the app itself: it is not removed this way (destroy {Untrusted.Printable(context.App!)} --force removes the app with every environment)"
                : EnvName.Validate(context.Args[1]);

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var env = context.Args[1];
        if (await store.ReadAsync(AppSlot.Of(app.Name, env), ct) is not { } slot)
        {
            await context.Reply.ErrAsync($"{app.Name}: no environment '{env}' (envs {app.Name} lists them)");
            return 1;
        }
        await removal.RemoveAsync(slot);
        await context.Reply.DoneAsync($"{app.Name}: environment {env} removed (its branch {Untrusted.Printable(EnvironmentSlots.Branches(slot))} stays in the repository)");
        return 0;
    }
}
