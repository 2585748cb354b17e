using Nap.Deployer.Apps;
using Nap.Deployer.Builds;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

/// <summary>
/// A new release of a kept image, through the same health gate and switch: the current one (config, restart,
/// resources, start) or an older one (rollback). No build. Callers hold the app's lock.
/// </summary>
public sealed class Redeploy(AppStateStore store, Builder builder, ReleaseSwitch releaseSwitch, InterruptedDeploys interrupted, PromotionPush promotion)
{
    public async Task<int> RunAsync(AppState app, int? source, string why, VerbContext context, CancellationToken ct)
    {
        if ((source ?? app.CurrentRelease) is not { } number)
        {
            await context.Reply.StepAsync($"{app.Name} has no release yet: this takes effect on its first deploy");
            return 0;
        }
        try
        {
            return await RedeployAsync(app.Name, number, why, context.Caller.Key, context.Reply, ct);
        }
        catch (DeployFailedException e)
        {
            await context.Reply.ProblemAsync(e.Message);
            return 1;
        }
    }

    /// <summary>
    /// For a setting stored before its release (config, limits): every later release inherits what is stored,
    /// so <paramref name="undo"/> puts it back unless a release went live with it (failed, cancelled, napd error).
    /// </summary>
    public async Task<int> RunOrUndoAsync(AppState app, string why, Func<Task> undo, VerbContext context, CancellationToken ct)
    {
        var kept = false;
        try
        {
            var code = await RunAsync(app, null, why, context, ct);
            kept = code == 0;
            return code;
        }
        finally
        {
            if (!kept)
                await undo();
        }
    }

    /// <summary>
    /// `promote`: <paramref name="to"/>'s next release runs the image <paramref name="source"/> of environment
    /// <paramref name="from"/> runs (re-tagged: the same image id, and with a registry pushed under <paramref name="to"/>'s
    /// repository first: <see cref="PromotionPush"/>), with <paramref name="to"/>'s config, limits, network, health gate
    /// and switch. No build. Callers hold the app's lock.
    /// </summary>
    public async Task<int> PromoteAsync(AppState from, Release source, AppState to, VerbContext context, CancellationToken ct)
    {
        var fromEnv = Protocol.AppSlot.EnvOf(from.Name);
        try
        {
            var app = await interrupted.ClearAsync(to);
            var number = app.NextReleaseNumber;
            var build = await builder.ReuseAsync(app, source, number, context.Reply, ct, from.Name);
            // FROM's dated tag: the same image, built once; TO's nodes pull it from TO's own repository.
            var plan = new ReleasePlan(app.Name, number, source.Revision, build.Image, build.Config, $"promotion of {fromEnv} release {source.Number}, release")
                { Note = $"promoted from {fromEnv} release {source.Number}" }.WithTag(source.Tag).WithChecks(source.Checks);
            if (!await promotion.PushAsync(plan, context.Caller.Key, context.Reply, ct))
                return 1;
            return await releaseSwitch.GoLiveAsync(plan, context.Caller.Key, context.Reply, ct);
        }
        catch (DeployFailedException e)
        {
            await context.Reply.ProblemAsync(e.Message);
            return 1;
        }
    }

    async Task<int> RedeployAsync(string name, int source, string why, string key, IReplyWriter reply, CancellationToken ct)
    {
        var app = await store.ReadAsync(name, ct) ?? throw new DeployFailedException($"{name}: no such app");
        app = await interrupted.ClearAsync(app);
        var from = app.FindRelease(source) ?? throw new DeployFailedException($"{name} has no release {source}: see 'releases {name}'");
        var number = app.NextReleaseNumber;
        var build = await builder.ReuseAsync(app, from, number, reply, ct);
        return await releaseSwitch.GoLiveAsync(new ReleasePlan(name, number, from.Revision, build.Image, build.Config, why).WithTag(from.Tag).WithChecks(from.Checks), key, reply, ct);
    }
}
