using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>
/// An app's environments as slots APP.ENV (<see cref="AppSlot"/>): listed, found by branch, made. Each costs what an
/// app costs (a port, a network, containers), so it counts toward its owner's appsPerKey.
/// </summary>
public sealed class EnvironmentSlots(AppStateStore store, NapdConfig config, TimeProvider clock)
{
    /// <summary>The app itself (production) first, then its environments by name.</summary>
    public async Task<IReadOnlyList<AppState>> AllAsync(AppState app, CancellationToken ct) =>
        [app, .. await store.ReadEnvironmentsAsync(app.Name, ct)];

    /// <summary>The environment whose pushes <paramref name="refName"/> deploys, or null.</summary>
    public static AppState? ForRef(IEnumerable<AppState> environments, string refName) =>
        environments.FirstOrDefault(e => e.IsDeployRef(refName));

    /// <returns>The new environment, or the one line why not.</returns>
    public async Task<(AppState? Slot, string? Refusal)> CreateAsync(AppState app, string env, string branch, bool review, Caller caller, CancellationToken ct)
    {
        if (EnvName.Validate(env) is { } bad)
            return (null, bad);
        if (env == EnvName.Production)
            return (null, $"{app.Name}: production is the app itself and deploys {Branches(app)}");
        if (BranchName.Validate(branch) is { } badBranch)
            return (null, badBranch);
        var name = AppSlot.Of(app.Name, env);
        if (store.Exists(name))
            return (null, $"{app.Name}: environment {env} exists already (envs {app.Name})");
        var all = await AllAsync(app, ct);
        if (ForRef(all, "refs/heads/" + branch) is { } taken)
            return (null, $"{app.Name}: branch {branch} deploys environment {AppSlot.EnvOf(taken.Name)} already: one branch, one environment");
        if (!caller.IsAdmin && (await store.ReadAllAsync(ct)).Count(a => a.Owner == app.Owner) is var owned && owned >= config.Limits.AppsPerKey)
            return (null, $"key {app.Owner} owns {owned} apps and environments, as many as this host allows ({TenantLimits.Name("appsPerKey")}): remove one first");
        var now = clock.GetUtcNow();
        await store.CreateIfAbsentAsync(name, app.Owner, now, ct);
        var slot = await store.UpdateAsync(name, s => s.WithDeployBranch(branch) with { Review = review, LastPush = review ? now : null }, ct);
        return (slot, null);
    }

    public static string Branches(AppState app) => app.DeployBranch ?? string.Join(" or ", AppState.DefaultDeployBranches);
}
