using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>
/// `access:add APP KEY [--env ENV]`: owners and admins let another existing key use the app: without --env every
/// environment (those added later too), with it that environment alone (production included).
/// </summary>
// A grant changes app.json alone, through the store's own serialized update: it need not wait for a deploy.
public sealed class AccessAddVerb(AppDoor door, AppStateStore store, KeyRing keys) : AppVerb(door, AppGate.Need.Manage, waitsForLock: false)
{
    public override string Verb => "access:add";

    protected override async Task<int> RunAsync(AppState slot, VerbContext context, CancellationToken ct)
    {
        if (await GrantTarget.CheckAsync(context, keys, []) is not { } key)
            return 1;
        var app = AppSlot.IsEnvironment(slot.Name) ? await store.ReadAsync(AppSlot.AppOf(slot.Name), ct) ?? slot : slot;
        var env = context.Env is null ? null : AppSlot.EnvOf(slot.Name);
        if (app.Owner == key || app.Access.Contains(key))
        {
            await context.Reply.OutAsync($"{app.Name}: key {key} already has access to every environment");
            return 0;
        }
        if (env is not null && AccessPolicy.GrantedAlone(app, slot, key))
        {
            await context.Reply.OutAsync($"{app.Name}: key {key} already has access to environment {env}");
            return 0;
        }

        if (env is null)
            await store.UpdateAsync(app.Name, s => s.WithGrant(key), ct);
        else if (env == EnvName.Production)
            await store.UpdateAsync(app.Name, s => s.WithProductionGrant(key), ct);
        else
            await store.UpdateAsync(slot.Name, s => s.WithGrant(key), ct);
        await context.Reply.OutAsync(env is null
            ? $"{app.Name}: key {key} may now push and manage the app's releases in every environment (those added later too; --env ENV grants one alone)"
            : $"{app.Name}: key {key} may now push and manage the releases of environment {env} (only)");
        return 0;
    }
}
