using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>
/// The check every `VERB APP ... [--env NAME]` handler starts with: the names are valid, the app and the environment
/// exist, the caller may use it (or manage it). It returns the environment's state (the app itself for production,
/// its slot APP.ENV otherwise), so every verb acts on one environment without parsing --env itself. On refusal it
/// has told the client why and returns null: exit 1.
/// <code>if (await gate.OpenAsync(context, ct) is not { } app) return 1;</code>
/// </summary>
public sealed class AppGate(AppStateStore store)
{
    /// <summary>Use: the environment; Manage: the app, as its owner or an admin; Reach: any environment of the app (a push, a fetch), which returns the app itself.</summary>
    public enum Need { Use, Manage, Reach }

    public async Task<AppState?> OpenAsync(VerbContext context, CancellationToken ct, Need need = Need.Use)
    {
        var name = context.App;
        if (AppName.Validate(name) is { } bad)
        {
            await context.Reply.ErrAsync(bad);
            return null;
        }
        if (context.Env is { } env && EnvName.Validate(env) is { } badEnv)
        {
            await context.Reply.ErrAsync($"--env: {badEnv}");
            return null;
        }

        var app = await store.ReadAsync(name!, ct);
        if (app is null)
        {
            await context.Reply.ErrAsync(AccessPolicy.NotYours(name!, context.Caller));
            return null;
        }
        // A key with the whole app needs no per-environment grants: only other keys pay for reading every environment.
        var whole = AccessPolicy.CanUse(app, context.Caller);
        var granted = whole ? [] : await GrantedEnvironmentsAsync(app, context.Caller, ct);
        if (!whole && granted.Count == 0)
        {
            await context.Reply.ErrAsync(AccessPolicy.NotYours(name!, context.Caller));
            return null;
        }
        if (need == Need.Reach)
            return app;

        var slotName = AppSlot.Of(app.Name, context.Env);
        var slot = slotName == app.Name ? app : await store.ReadAsync(slotName, ct);
        if (!whole && (slot is null || !granted.Contains(AppSlot.EnvOf(slotName))))
        {
            await context.Reply.ErrAsync(AccessPolicy.LacksEnvironment(app.Name, AppSlot.EnvOf(slotName), granted, context.Caller));
            return null;
        }
        if (slot is null)
        {
            await context.Reply.ErrAsync($"{name}: no environment '{context.Env}' (envs {name} lists them; envs:add {name} {context.Env} --branch BRANCH adds it)");
            return null;
        }

        if (need == Need.Manage && !AccessPolicy.CanManage(app, context.Caller))
        {
            await context.Reply.ErrAsync($"{name}: only its owner {app.Owner} or an admin may do this, not key {context.Caller.Key}");
            return null;
        }

        return slot;
    }

    /// <summary>The environments <paramref name="caller"/> was granted alone (access:add APP KEY --env ENV), production first, then by name.</summary>
    public async Task<IReadOnlyList<string>> GrantedEnvironmentsAsync(AppState app, Caller caller, CancellationToken ct)
    {
        var granted = new List<string>();
        if (app.ProductionAccess.Contains(caller.Key))
            granted.Add(EnvName.Production);
        foreach (var state in await store.ReadEnvironmentsAsync(app.Name, ct))
            if (state.Access.Contains(caller.Key))
                granted.Add(AppSlot.EnvOf(state.Name));
        return granted;
    }
}
