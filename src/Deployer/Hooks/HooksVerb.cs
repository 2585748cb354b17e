using Nap.Deployer.Apps;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Hooks;

/// <summary>`hooks APP [--json]`: the app's webhook settings and deploy key. Never the secret or the status token: hooks:add makes new ones.</summary>
public sealed class HooksVerb(AppDoor door, HookStore store, NapdConfig config) : AppVerb(door, waitsForLock: false)
{
    public override string Verb => "hooks";

    protected override string? Refusal(VerbContext context) => HookScope.EnvRefusal(context) ?? (context.Args.Count == 1 ? null : "use hooks APP [--json]");

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var hook = store.Find(app.Name);
        var key = store.PublicKey(app.Name) ?? "";
        if (context.Json)
            return await context.Reply.JsonAsync(hook is null ? null : new HookReport(app.Name, hook.Forge, hook.Repo, hook.Branch,
                HookSettings.Url(config.PublicAddress, app.Name), HookSettings.ContentType, key, hook.StatusToken is not null, hook.Created), HooksJson.Default.HookReport!);
        if (hook is null)
        {
            await context.Reply.OutAsync($"{app.Name} has no webhook: hooks:add {app.Name} --forge github|gitea|gitlab --repo SSH_URL makes one");
            return 0;
        }
        await context.Reply.StepAsync($"webhook for {app.Name}: {hook.Forge}, {hook.Repo}, branch {hook.Branch}");
        foreach (var line in HookSettings.Lines(app.Name, hook, config.PublicAddress, key, showSecret: false))
            await context.Reply.DetailAsync(line);
        return 0;
    }
}
