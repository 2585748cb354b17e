using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>
/// The check every `VERB APP ...` handler starts with: the name is valid, the app exists, the caller
/// may use it (or manage it). On refusal it has told the client why and returns null: exit 1.
/// <code>if (await gate.OpenAsync(context, ct) is not { } app) return 1;</code>
/// </summary>
public sealed class AppGate(AppStateStore store)
{
    public enum Need { Use, Manage }

    public async Task<AppState?> OpenAsync(VerbContext context, CancellationToken ct, Need need = Need.Use)
    {
        var name = context.App;
        if (AppName.Validate(name) is { } bad)
        {
            await context.Reply.ErrAsync(bad);
            return null;
        }

        var app = await store.ReadAsync(name!, ct);
        if (app is null || !AccessPolicy.CanUse(app, context.Caller))
        {
            await context.Reply.ErrAsync(AccessPolicy.NotYours(name!, context.Caller));
            return null;
        }

        if (need == Need.Manage && !AccessPolicy.CanManage(app, context.Caller))
        {
            await context.Reply.ErrAsync($"{name}: only its owner {app.Owner} or an admin may do this, not key {context.Caller.Key}");
            return null;
        }

        return app;
    }
}
