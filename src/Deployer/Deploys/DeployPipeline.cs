using Nap.Deployer.Config;
using Nap.Deployer.Docker;
using Nap.Deployer.State;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Deploys;

/// <summary>
/// A push or `deploy` (build, then the switch) and the releases that reuse an image (rollback, config,
/// restart, resources: no build, same switch). Callers hold the app's lock.
/// </summary>
public sealed class DeployPipeline(
    NapdConfig config, NapPaths paths, AppStateStore store, ISystemd systemd, IDocker docker,
    Builder builder, UnitWriter units, ReleaseSwitch releaseSwitch, InterruptedDeploys interrupted, TimeProvider clock)
{
    public async Task<int> DeployAsync(string name, string revision, string key, Builder.Extract extract, IReplyWriter reply, CancellationToken ct)
    {
        var app = await store.ReadAsync(name, ct) ?? throw new DeployFailedException($"{name}: no such app");
        if (await IsRunningAsync(app, revision, ct))
        {
            await reply.OutAsync($"=====> {name} is already running {ReleaseNames.Short(revision)}: {AppAddress.Url(config, app)}");
            return 0;
        }

        app = await interrupted.ClearAsync(app);
        var number = app.NextReleaseNumber;
        app = await store.UpdateAsync(name, a => a.WithRelease(new Release(number, revision, key, clock.GetUtcNow(), null, null, ReleaseResult.Pending)), ct);
        ReleasePlan plan;
        try
        {
            plan = await builder.BuildAsync(app, number, revision, extract, reply, ct);
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
        return await releaseSwitch.GoLiveAsync(plan, key, reply, ct);
    }

    /// <summary>A new release running release <paramref name="source"/>'s image, through the same health gate and switch.</summary>
    public async Task<int> RedeployAsync(string name, int source, string why, string key, IReplyWriter reply, CancellationToken ct)
    {
        var app = await store.ReadAsync(name, ct) ?? throw new DeployFailedException($"{name}: no such app");
        app = await interrupted.ClearAsync(app);
        var from = app.FindRelease(source) ?? throw new DeployFailedException($"{name} has no release {source}: see 'releases {name}'");
        if (from.Image is null || !await docker.ImageExistsAsync(from.Image, ct))
            throw new DeployFailedException($"the image of release {source} is gone (only the last {config.ReleasesKept} are kept): deploy its revision instead: deploy {name} {from.Revision}");

        var image = builder.ParseRecorded(name, source);
        var dockerfile = Path.Combine(paths.Release(name, source), "Dockerfile");
        var number = app.NextReleaseNumber;
        var dir = Directory.CreateDirectory(paths.Release(name, number)).FullName;
        File.Copy(dockerfile, Path.Combine(dir, "Dockerfile"), overwrite: true);
        var tag = ImageName.Release(name, number);
        await docker.TagAsync(from.Image, tag, ct);
        var template = builder.Render(app, from.Revision, Path.Combine(paths.Release(name, source), "src"), tag, image)
            .Where(u => u.Name == ReleaseNames.Template(name)).ToArray();
        await units.InstallAsync(template, ct);
        return await releaseSwitch.GoLiveAsync(new ReleasePlan(name, number, from.Revision, tag, image, why), key, reply, ct);
    }

    /// <summary>The same revision already serves: one is-active, nothing else.</summary>
    async Task<bool> IsRunningAsync(AppState app, string revision, CancellationToken ct) =>
        app.Current is { } current && current.Revision == revision && !app.Stopped && app.AppPort is not null
        && await systemd.IsActiveAsync(ReleaseNames.Instance(app.Name, current.Number), ct) == "active";

    async Task<int> FailBuildAsync(string app, int number, ReleaseResult result, string reason, IReplyWriter reply)
    {
        var none = CancellationToken.None;
        await reply.ErrAsync($" !     {reason}");
        try
        {
            await systemd.RunAsync(UnitAction.Stop, ReleaseNames.BuildUnit(app), none);
        }
        catch (SystemdException)
        {
            // Never installed (the Dockerfile was refused first): nothing runs.
        }
        await store.UpdateAsync(app, a => a.FindRelease(number) is { } r ? a.WithRelease(r.WithResult(result, reason)) : a, none);
        await reply.ErrAsync($" !     push rejected: {app} was not changed");
        return 1;
    }
}
