using Nap.Deployer.Verbs;

namespace Nap.Deployer.Apps;

/// <summary>`access:remove APP KEY`: owners and admins take a granted key's access away (never the owner's).</summary>
// Like access:add, it need not wait for a deploy: app.json's updates are serialized by the store.
public sealed class AccessRemoveVerb(AppDoor door, AppStateStore store, KeyRing keys) : AppVerb(door, AppGate.Need.Manage, waitsForLock: false)
{
    public override string Verb => "access:remove";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        if (await GrantTarget.CheckAsync(context, keys, app.Access) is not { } key)
            return 1;
        if (app.Owner == key)
        {
            await context.Reply.ErrAsync($"{app.Name}: key {key} owns the app; its access cannot be removed");
            return 1;
        }
        if (!app.Access.Contains(key))
        {
            await context.Reply.OutAsync($"{app.Name}: key {key} had no access");
            return 0;
        }

        await store.UpdateAsync(app.Name, s => s.WithoutGrant(key), ct);
        await context.Reply.OutAsync($"{app.Name}: key {key} no longer has access");
        return 0;
    }
}
