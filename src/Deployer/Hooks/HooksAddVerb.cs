using Nap.Deployer.Apps;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Hooks;

/// <summary>
/// `hooks:add APP --forge F --repo URL [--branch B] [--status-token -|T]` (the app's owner or an admin): a new secret
/// and ed25519 deploy key, and what to enter at the forge. The secret is shown this once.
/// </summary>
public sealed class HooksAddVerb(AppDoor door, HookStore store, HooksServer server, ForgeAddress forges, NapdConfig config, TimeProvider clock) : AppVerb(door, AppGate.Need.Manage)
{
    public override string Verb => "hooks:add";

    protected override string? Refusal(VerbContext context) => HookScope.EnvRefusal(context) ?? HookOptions.Parse(context.Args.Skip(1).ToArray(), context.Request.Input).Problem;

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var options = HookOptions.Parse(context.Args.Skip(1).ToArray(), context.Request.Input).Options!;
        if ((await forges.ResolveAsync(options.Repo, ct)).Refusal is { } refused)
        {
            await context.Reply.ProblemAsync(refused);
            return 1;
        }
        var replaced = store.Find(app.Name) is not null;
        var branch = options.Branch ?? app.DeployBranch ?? "main";
        var hook = await store.CreateAsync(app.Name, options.Forge, options.Repo, branch, options.StatusToken, clock.GetUtcNow(), ct);
        // The host's first hook starts napd's hooks server; the forge's first delivery finds it listening.
        await server.EnsureStartedAsync(ct);
        var reply = context.Reply;
        await reply.StepAsync($"webhook for {app.Name}: {hook.Forge}, {hook.Repo}, branch {hook.Branch}{(replaced ? " (the earlier secret and deploy key no longer work)" : "")}");
        foreach (var line in HookSettings.Lines(app.Name, hook, config.PublicAddress, store.PublicKey(app.Name) ?? "", showSecret: true))
            await reply.DetailAsync(line);
        await reply.DoneAsync($"a push to {hook.Branch} at the forge now deploys {app.Name}; ssh nap@HOST hooks:deliveries {app.Name} shows each delivery");
        return 0;
    }
}
