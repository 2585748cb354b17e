using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Releases;

/// <summary>
/// `destroy APP --force`: the app's environments first, then the app and its repository (<see cref="AppRemoval"/>).
/// A re-run finishes what an interrupted one left.
/// </summary>
public sealed class DestroyVerb(AppDoor door, AppStateStore store, AppRemoval removal) : AppVerb(door, AppGate.Need.Manage)
{
    public override string Verb => "destroy";

    protected override string? Refusal(VerbContext context) =>
        context.Env is not null
            ? $"destroy removes the whole app with every environment; to remove one: envs:remove {Untrusted.Printable(context.App ?? "APP")} ENV"
            : context.Args.Count == 2 && context.Args.Contains("--force")
                ? null
                : $"destroy removes the app, its releases, config and repository: confirm with destroy {Untrusted.Printable(context.App ?? "APP")} --force";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        foreach (var env in await store.ReadEnvironmentsAsync(app.Name, CancellationToken.None))
            await removal.RemoveAsync(env);
        await removal.RemoveAsync(app);
        await context.Reply.DoneAsync($"{app.Name} destroyed");
        return 0;
    }
}
