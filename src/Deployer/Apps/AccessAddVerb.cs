using Nap.Deployer.Verbs;

namespace Nap.Deployer.Apps;

/// <summary>`access:add APP KEY`: owners and admins let another existing key use the app.</summary>
// A grant changes app.json alone, through the store's own serialized update: it need not wait for a deploy.
public sealed class AccessAddVerb(AppDoor door, AppStateStore store, KeyRing keys) : AppVerb(door, AppGate.Need.Manage, waitsForLock: false)
{
    public override string Verb => "access:add";


    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        if (await GrantTarget.CheckAsync(context, keys, []) is not { } key)
            return 1;
        if (app.Owner == key || app.Access.Contains(key))
        {
            await context.Reply.OutAsync($"{app.Name}: key {key} already has access");
            return 0;
        }

        await store.UpdateAsync(app.Name, s => s.WithGrant(key), ct);
        await context.Reply.OutAsync($"{app.Name}: key {key} may now push and manage the app's releases");
        return 0;
    }
}
