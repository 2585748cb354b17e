using Nap.Deployer.Keys;
using Nap.Deployer.State;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Access;

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

/// <summary>The KEY argument of access:add and access:remove.</summary>
static class GrantTarget
{
    /// <param name="known">Keys accepted even when gone from authorized_keys (a removed key can still lose its grants).</param>
    public static async Task<string?> CheckAsync(VerbContext context, KeyRing keys, IReadOnlyList<string> known)
    {
        if (context.Args.Count != 2)
        {
            await context.Reply.ErrAsync($"usage: {context.Request.Verb} APP KEY");
            return null;
        }

        var key = context.Args[1];
        if (KeyName.Validate(key) is { } bad)
        {
            await context.Reply.ErrAsync(bad);
            return null;
        }

        if (!known.Contains(key) && !keys.Exists(key))
        {
            await context.Reply.ErrAsync($"no key named '{key}' on this host (the host's admin adds keys with 'nap keys add')");
            return null;
        }

        return key;
    }
}
