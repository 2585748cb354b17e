using Nap.Deployer.Apps;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Repos;

/// <summary>
/// `git-receive-pack APP`, asked by nap-receive before it execs git: may this key push, and is the
/// repository ready? A new app belongs to the first key that pushes it. A refusal writes nothing.
/// </summary>
public sealed class ReceivePackVerb(AppStateStore store, AppGate gate, RepoStore repos, NapdConfig config, TimeProvider clock) : IVerbHandler
{
    // The count of a key's apps and the creation of one more are one step: two pushes at once cannot both be the last.
    static readonly SemaphoreSlim Creating = new(1, 1);

    public string Verb => "git-receive-pack";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        var name = context.Args.Count == 1 ? context.App : null;
        if (AppName.Validate(name) is { } bad)
        {
            await context.Reply.ErrAsync(bad);
            return 1;
        }

        var (app, created) = store.Exists(name!) ? (await store.ReadAsync(name!, ct), false) : await CreateAsync(name!, context, ct);
        if (app is null)
            return 1;
        // A key granted one environment pushes its branch; receive refuses the refs of the others.
        if (!created && !AccessPolicy.CanUse(app, context.Caller) && (await gate.GrantedEnvironmentsAsync(app, context.Caller, ct)).Count == 0)
        {
            await context.Reply.ErrAsync(AccessPolicy.Denied(app.Name, context.Caller));
            return 1;
        }

        repos.EnsureCreated(app.Name);
        repos.InstallHooks(app.Name);
        repos.LimitPushes(app.Name);
        if (created)
            await context.Reply.ErrAsync(RemoteLines.Step($"Created {app.Name}, owned by key {app.Owner}"));
        return 0;
    }

    /// <returns>The app and whether this call made it (another push may have, meanwhile); no app after telling the key it owns as many as the host allows.</returns>
    async Task<(AppState? App, bool Created)> CreateAsync(string name, VerbContext context, CancellationToken ct)
    {
        await Creating.WaitAsync(ct);
        try
        {
            var key = context.Caller.Key;
            var limit = config.Limits.AppsPerKey;
            if (!context.Caller.IsAdmin && (await store.ReadAllAsync(ct)).Count(a => a.Owner == key) is var owned && owned >= limit)
            {
                await context.Reply.ErrAsync($"key {key} owns {owned} apps, as many as this host allows ({TenantLimits.Name("appsPerKey")}): destroy one first");
                return (null, false);
            }
            return await store.CreateIfAbsentAsync(name, key, clock.GetUtcNow(), ct);
        }
        finally
        {
            Creating.Release();
        }
    }
}
