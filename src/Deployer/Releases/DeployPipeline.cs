using Nap.Deployer.Apps;
using Nap.Deployer.Builds;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

/// <summary>A push or `deploy`: a build, then the switch. Callers hold the app's lock.</summary>
public sealed class DeployPipeline(
    NapdConfig config, AppStateStore store, ISystemd systemd, Builder builder, ReleaseSwitch releaseSwitch, InterruptedDeploys interrupted, Retention retention, TimeProvider clock)
{
    public async Task<int> DeployAsync(string name, string revision, string key, Builder.Extract extract, IReplyWriter reply, CancellationToken ct)
    {
        var app = await store.ReadAsync(name, ct) ?? throw new DeployFailedException($"{name}: no such app");
        if (await IsRunningAsync(app, revision, ct))
        {
            await reply.DoneAsync($"{name} is already running {ReleaseNames.Short(revision)}: {AppAddress.Url(config, app)}");
            return 0;
        }

        app = await interrupted.ClearAsync(app);
        var number = app.NextReleaseNumber;
        app = await store.UpdateAsync(name, a => a.WithRelease(new Release(number, revision, key, clock.GetUtcNow(), null, null, ReleaseResult.Pending)).WithBuildScope(), ct);
        Builder.Build build;
        try
        {
            build = await builder.BuildAsync(app, number, revision, extract, reply, ct);
        }
        catch (Exception e) when (e is DeployFailedException or IOException or UnauthorizedAccessException)
        {
            return await FailBuildAsync(name, number, ReleaseResult.BuildFailed, e.Message.ReplaceLineEndings(" "), reply);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await FailBuildAsync(name, number, ReleaseResult.Cancelled, "cancelled: the client went away", reply);
            throw;
        }
        var plan = new ReleasePlan(name, number, revision, build.Image, build.Config, "release").WithBuildOutput(build.Output);
        return await releaseSwitch.GoLiveAsync(plan, key, reply, ct);
    }

    /// <summary>The same revision already serves: one question to systemd, nothing else.</summary>
    async Task<bool> IsRunningAsync(AppState app, string revision, CancellationToken ct) =>
        app.Current is { } current && current.Revision == revision && !app.Stopped && app.AppPort is not null
        && (await systemd.StateAsync(ReleaseNames.Instance(app.Name, current.Number), ct)).ActiveState == "active";

    async Task<int> FailBuildAsync(string app, int number, ReleaseResult result, string reason, IReplyWriter reply)
    {
        var none = CancellationToken.None;
        await reply.ProblemAsync(reason);
        try
        {
            await systemd.StopAsync(ReleaseNames.BuildUnit(app), none);
        }
        catch (SystemdException)
        {
            // Never installed (the Dockerfile was refused first): nothing runs.
        }
        await store.UpdateAsync(app, a => a.FindRelease(number) is { } r ? a.WithRelease(r.WithResult(result, reason)) : a, none);
        await retention.ForgetAsync(app, number);
        await reply.ProblemAsync($"push rejected: {app} was not changed");
        return 1;
    }
}
