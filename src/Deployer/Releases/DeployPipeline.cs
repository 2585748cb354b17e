using Nap.Deployer.Apps;
using Nap.Deployer.Builds;
using Nap.Deployer.Cluster;
using Nap.Deployer.Docker;
using Nap.Deployer.Registry;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Steps;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

/// <summary>
/// A push or `deploy`: a build, app.json's steps before the switch (any failure rejects the push, the old release
/// serving on), the switch, then its postdeploy script. Callers hold the app's lock.
/// </summary>
public sealed class DeployPipeline(
    NapdConfig config, AppStateStore store, ISystemd systemd, ServiceRunner services, Builder builder, RegistryTransfer registry, StepRunner steps, ReleaseSwitch releaseSwitch, InterruptedDeploys interrupted, Retention retention, TimeProvider clock)
{
    /// <summary>The last line of every refused deploy, after the line that says why.</summary>
    public const string Rejected = "push rejected";

    public async Task<int> DeployAsync(string name, string revision, string key, Builder.Extract extract, IReplyWriter reply, CancellationToken ct)
    {
        var app = await store.ReadAsync(name, ct) ?? throw new DeployFailedException($"{name}: no such app");
        if (await RunningAsync(app, revision, ct) is { } running)
        {
            await reply.DoneAsync($"{name} is already running {ReleaseNames.Short(revision)}: {AppAddress.Url(config, app)}");
            await TaskPlace.ReportAsync(running, reply);
            return 0;
        }

        app = await interrupted.ClearAsync(app);
        var number = app.NextReleaseNumber;
        var started = clock.GetUtcNow();
        var pending = new Release(number, revision, key, started, null, null, ReleaseResult.Pending).WithTag(ImageName.DatedTag(started, revision));
        app = await store.UpdateAsync(name, a => a.WithRelease(pending).WithBuildScope(), ct);
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
        if (build.Steps is { } target && build.Manifest.BeforeSwitch.Count > 0)
        {
            // The build's last lines come first; nothing of the release has started yet.
            await build.Output;
            StepFailure? failure;
            try
            {
                failure = await steps.RunAsync(target, build.Manifest.BeforeSwitch, reply, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await FailBuildAsync(name, number, ReleaseResult.Cancelled, "cancelled: the client went away", reply);
                throw;
            }
            if (failure is not null)
                return await FailBuildAsync(name, number, ReleaseResult.StepFailed, failure.Reason, reply, failure.LastLines);
        }
        // Pushed before anything of the release runs: a registry that does not take it rejects the push, the old
        // release serving on, so no release ever runs that other hosts could not pull.
        if (pending.Tag is { } tag)
        {
            try
            {
                await registry.PushAsync(name, tag, ImageName.Dated(name, tag), build.Output, reply, ct);
            }
            catch (RegistryException e)
            {
                return await FailBuildAsync(name, number, ReleaseResult.PushFailed, e.Message, reply);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                await FailBuildAsync(name, number, ReleaseResult.Cancelled, "cancelled: the client went away", reply);
                throw;
            }
        }
        var plan = new ReleasePlan(name, number, revision, build.Image, build.Config, "release").WithBuildOutput(build.Output).WithTag(pending.Tag).WithChecks(build.Manifest.Checks);
        var code = await releaseSwitch.GoLiveAsync(plan, key, reply, ct);
        if (code == 0 && build.Steps is { } live && build.Manifest.AfterSwitch is { } postdeploy)
            await PostdeployAsync(live, postdeploy, reply, ct);
        return code;
    }

    /// <summary>
    /// After the switch the new release serves and the old one is retiring: a failing postdeploy cannot undo that, so
    /// it is reported (as Dokku and Heroku do) and the push is still accepted, its branch matching what runs.
    /// </summary>
    async Task PostdeployAsync(StepTarget target, PipelineStep postdeploy, IReplyWriter reply, CancellationToken ct)
    {
        StepFailure? failure;
        try
        {
            failure = await steps.RunAsync(target, postdeploy, reply, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The pusher went away: the step's container is gone, the release stays live, and no one is left to tell.
            return;
        }
        if (failure is null)
            return;
        await ReportAsync(failure.Reason, failure.LastLines, reply);
        await reply.ProblemAsync($"release {target.Release} of {target.App} stays live: postdeploy runs after the switch, so its failure undoes nothing (push a fix to run it again)");
    }

    static async Task ReportAsync(string reason, IReadOnlyList<string> lines, IReplyWriter reply)
    {
        await reply.ProblemAsync(reason);
        if (lines.Count == 0)
            return;
        await reply.ProblemAsync($"its last {lines.Count} lines:");
        foreach (var line in lines)
            await reply.ProblemAsync("  " + line);
    }

    /// <summary>
    /// The same revision already serves: one question to systemd (none on a cluster, where the release is a service and
    /// serves while one of its tasks does: one question to the engine). Null when it does not; on a cluster, where its tasks run.
    /// </summary>
    async Task<IReadOnlyList<TaskPlace>?> RunningAsync(AppState app, string revision, CancellationToken ct)
    {
        if (app.Current is not { } current || current.Revision != revision || app.Stopped || app.AppPort is null)
            return null;
        if (current.Service is { } service)
        {
            try
            {
                var serving = TaskPlace.Serving(await services.PlacesAsync(service, ct));
                return serving.Count > 0 ? serving : null;
            }
            catch (DockerSwarmException)
            {
                // An engine that does not answer cannot say it runs: the deploy goes on and says what fails.
                return null;
            }
        }
        return (await systemd.StateAsync(ReleaseNames.Instance(app.Name, current.Number), ct)).ActiveState == "active" ? [] : null;
    }

    async Task<int> FailBuildAsync(string app, int number, ReleaseResult result, string reason, IReplyWriter reply, IReadOnlyList<string>? lines = null)
    {
        var none = CancellationToken.None;
        await ReportAsync(reason, lines ?? [], reply);
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
        await reply.ProblemAsync($"{Rejected}: {app} was not changed");
        return 1;
    }
}
