using Nap.Deployer.Verbs;

namespace Nap.Deployer.Apps;

/// <summary>`access:remove APP KEY`: owners and admins take a granted key's access away (never the owner's).</summary>
public sealed class AccessRemoveVerb(AppGate gate, AppStateStore store, KeyRing keys) : IVerbHandler
{
    public string Verb => "access:remove";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        if (await gate.OpenAsync(context, ct, AppGate.Need.Manage) is not { } app)
            return 1;
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
