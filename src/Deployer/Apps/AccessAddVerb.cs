using Nap.Deployer.Verbs;

namespace Nap.Deployer.Apps;

/// <summary>`access:add APP KEY`: owners and admins let another existing key use the app.</summary>
public sealed class AccessAddVerb(AppGate gate, AppStateStore store, KeyRing keys) : IVerbHandler
{
    public string Verb => "access:add";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        if (await gate.OpenAsync(context, ct, AppGate.Need.Manage) is not { } app)
            return 1;
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
