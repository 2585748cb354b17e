using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>
/// `access:remove APP KEY [--env ENV]`: owners and admins take a granted key's access away (never the owner's): without
/// --env from the app and every environment, with it from that environment alone.
/// </summary>
// Like access:add, it need not wait for a deploy: app.json's updates are serialized by the store.
public sealed class AccessRemoveVerb(AppDoor door, AppStateStore store, KeyRing keys, AccessGrants grants)
    : AppVerb(door, AppGate.Need.Manage, waitsForLock: false)
{
    public override string Verb => "access:remove";

    protected override async Task<int> RunAsync(AppState slot, VerbContext context, CancellationToken ct)
    {
        var app = AppSlot.IsEnvironment(slot.Name) ? await store.ReadAsync(AppSlot.AppOf(slot.Name), ct) ?? slot : slot;
        var granted = await grants.OfAsync(app, ct);
        if (await GrantTarget.CheckAsync(context, keys, [.. granted.Select(g => g.Key)]) is not { } key)
            return 1;
        if (app.Owner == key)
        {
            await context.Reply.ErrAsync($"{app.Name}: key {key} owns the app; its access cannot be removed");
            return 1;
        }
        var env = context.Env is null ? null : AppSlot.EnvOf(slot.Name);
        if (env is not null && granted.FirstOrDefault(g => g.Key == key) is { All: true })
        {
            // Taking one environment from an app-wide grant would silently leave it the others (or take them all): say how.
            await context.Reply.ErrAsync($"{app.Name}: key {key} has access to every environment (granted without --env); " +
                $"access:remove {app.Name} {key} takes it away, then access:add {app.Name} {key} --env ENV grants the ones it keeps");
            return 1;
        }

        var had = granted.FirstOrDefault(g => g.Key == key)?.Environments ?? [];
        if (!await grants.RemoveAsync(app, key, env, ct))
            await context.Reply.OutAsync($"{app.Name}: key {key} had no access{(env is null ? "" : $" to environment {env}")}");
        else if (env is null)
            await context.Reply.OutAsync($"{app.Name}: key {key} no longer has access (removed from {(had.Count == 0 ? "the app" : string.Join(", ", had))})");
        else
            await context.Reply.OutAsync($"{app.Name}: key {key} no longer has access to environment {env}");
        return 0;
    }
}
