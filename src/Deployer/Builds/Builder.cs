using Nap.Deployer.Apps;
using Nap.Deployer.Settings;
using Nap.Deployer.Docker;
using Nap.Deployer.HostCheck;
using Nap.Deployer.Registry;
using Nap.Deployer.Repos;
using Nap.Deployer.Steps;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;
using Nap.Protocol;
using Nap.UnitGen.Isolation;
using Nap.UnitGen.Model;
using Nap.UnitGen.Rendering;
using Nap.UnitGen;

namespace Nap.Deployer.Builds;

/// <summary>
/// From a revision to an image: checkout into releases/N/src, Dockerfile through UnitGen, the build
/// unit and the run template installed, the build unit run with its log streamed, nap/APP:N-HEX made.
/// </summary>
public sealed class Builder(
    NapdConfig settings, NapPaths paths, UnitFiles units, BuildLog log, IDocker docker, RegistryTransfer registry, DockerHostCheck host, AddDownloads downloads, BaseImageTriggers triggers, PipelineStore pipelines, BuildCgroups cgroups, BuildDisk disk)
{
    public delegate Task Extract(string destination, CancellationToken ct);

    /// <summary>What a build made: the image, its Dockerfile as parsed, and its last lines still on their way to the pusher.</summary>
    /// <param name="Output">Done already for a failed build; for one that succeeded, the release may start meanwhile and awaits it before saying more.</param>
    public sealed record Build(string Image, ImageConfig Config, Task Output)
    {
        /// <summary>The pushed app.json's steps, checked before the build; none for a release of a kept image.</summary>
        public AppManifest Manifest { get; init; } = AppManifest.None;

        /// <summary>Where the steps run: the image with the run unit's options (null for a kept image, which runs no step).</summary>
        public StepTarget? Steps { get; init; }
    }

    public async Task<Build> BuildAsync(AppState app, int number, string revision, Extract extract, IReplyWriter reply, CancellationToken ct)
    {
        if (await host.ProblemAsync(ct) is { } problem)
            throw new DeployFailedException(problem);
        // The run unit joins the app's own network, made once (docker keeps it across reboots). The build does not
        // use it, so a new app's network (docker takes 60-90 ms to make one) is made while the build runs.
        var network = docker.EnsureNetworkAsync(ReleaseNames.Network(app.Name), app.Name, settings.AppNetworks, ct);
        var built = BuildImageAsync(app, number, revision, extract, reply, ct);
        // Both awaited, so neither fails unobserved; a failed build is the failure the pusher hears of.
        await Task.WhenAll(built, network);
        return await built;
    }

    async Task<Build> BuildImageAsync(AppState app, int number, string revision, Extract extract, IReplyWriter reply, CancellationToken ct)
    {
        var image = ImageName.Release(app.Name, number);
        // The journal and systemd are asked while git and UnitGen work: two processes fewer on the push's path.
        var installed = InstallAsync(app, number, revision, image, extract, ct);
        var start = log.PrepareAsync(ReleaseNames.BuildUnit(app.Name), ct);
        var dataRoot = disk.RootAsync();
        await Task.WhenAll(installed, start, dataRoot);
        var (source, manifest, options) = await installed;
        await triggers.CheckAsync(source, ct);
        var root = await dataRoot;
        if (disk.Refusal(root) is { } full)
            throw new DeployFailedException(full);
        // The build unit has ended when RunAsync returns: the downloads' image goes with the method.
        await using var fetched = await downloads.FetchAsync(app.Name, number, source, reply, ct);

        await reply.StepAsync($"Building {app.Name} ({ReleaseNames.Short(revision)})");
        var (failure, output, signs, stopped) = await RunWatchedAsync(await start, root, reply, ct);
        if (failure is not null)
            throw new DeployFailedException($"the build failed: {stopped ?? signs.Explain(failure, options, settings.Limits) ?? failure}");
        if (!await docker.ImageExistsAsync(image, ct))
        {
            await output;
            throw new DeployFailedException($"the build finished but made no image {image}");
        }
        return new Build(image, source.Config, output) { Manifest = manifest, Steps = new StepTarget(app.Name, number, source.Config, options) };
    }

    /// <summary>The build unit run with docker's disk watched: <c>Stopped</c> says why, when the watch stopped it at the disk's floor.</summary>
    async Task<(string? Failure, Task Output, LimitSigns Signs, string? Stopped)> RunWatchedAsync(BuildLog.Start start, string? root, IReplyWriter reply, CancellationToken ct)
    {
        await using var watch = disk.Start(root, start.Unit);
        var (failure, output, signs) = await log.RunAsync(start, reply, ct);
        return (failure, output, signs, watch.Explain());
    }

    /// <summary>
    /// Release <paramref name="number"/> of a kept image (rollback, config, restart, limits): no build. The image of
    /// <paramref name="from"/> gets the new release's tag, and the run template is rendered again with the app's
    /// settings as they are now, from the Dockerfile kept beside the release.
    /// </summary>
    /// <param name="source">The app or environment <paramref name="from"/> is a release of (a promotion's FROM); default <paramref name="app"/>.</param>
    public async Task<Build> ReuseAsync(AppState app, Release from, int number, IReplyWriter reply, CancellationToken ct, string? source = null)
    {
        var origin = source ?? app.Name;
        // A rollback or config change starts the same units: a host that cannot run them says so in one line.
        if (await host.ProblemAsync(ct) is { } problem)
            throw new DeployFailedException(problem);
        // A record from before images were named in app.json names nap/APP:N.
        var kept = from.Image ?? ImageName.Legacy(origin, from.Number);
        if (!await docker.ImageExistsAsync(kept, ct))
            kept = await KeptElsewhereAsync(origin, from, reply, ct)
                ?? throw new DeployFailedException($"the image of release {from.Number} is gone (only the last {settings.ReleasesKept} are kept): deploy its revision instead: deploy {app.Name} {from.Revision}");
        var image = ParseRecorded(origin, from.Number);
        var dir = Directory.CreateDirectory(paths.Release(app.Name, number)).FullName;
        File.Copy(Path.Combine(paths.Release(origin, from.Number), "Dockerfile"), Path.Combine(dir, "Dockerfile"), overwrite: true);
        var tag = ImageName.Release(app.Name, number);
        await docker.TagAsync(kept, tag, ct);
        var template = Render(image, Options(app, from.Revision, Path.Combine(paths.Release(origin, from.Number), "src"), tag))
            .Where(u => u.Name == ReleaseNames.Template(app.Name)).ToArray();
        await units.InstallAsync(template, ct);
        await docker.EnsureNetworkAsync(ReleaseNames.Network(app.Name), app.Name, settings.AppNetworks, ct);
        return new Build(tag, image, Task.CompletedTask);
    }

    /// <summary>
    /// The image of <paramref name="from"/> under its dated name, here or pulled from the registry (never built again);
    /// null when neither has it. Only the release's own recorded tag is asked for.
    /// </summary>
    async Task<string?> KeptElsewhereAsync(string app, Release from, IReplyWriter reply, CancellationToken ct)
    {
        if (from.Tag is not { } tag)
            return null;
        var dated = ImageName.Dated(app, tag);
        if (await docker.ImageExistsAsync(dated, ct))
            return dated;
        try
        {
            return await registry.PullAsync(app, tag, dated, reply, ct) ? dated : null;
        }
        catch (RegistryException e)
        {
            throw new DeployFailedException(e.Message);
        }
    }

    /// <summary>
    /// The revision checked out into releases/N/src, its Dockerfile and app.json read and checked, the build unit and
    /// run template installed: a refused app.json stops the deploy before anything is built.
    /// </summary>
    async Task<(BuildSource, AppManifest, UnitOptions)> InstallAsync(AppState app, int number, string revision, string image, Extract extract, CancellationToken ct)
    {
        var dir = paths.Release(app.Name, number);
        var src = Path.Combine(dir, "src");
        foreach (var old in new[] { src, Path.Combine(dir, "build") }.Where(Directory.Exists))
            Directory.Delete(old, recursive: true);
        await extract(src, ct);

        var source = BuildSource.Read(app.Name, src, dir, settings);
        AppManifest manifest;
        try
        {
            manifest = AppManifestReader.Read(src, settings.Limits, pipelines.Find);
        }
        catch (AppManifestException e)
        {
            throw new DeployFailedException(e.Message);
        }
        SourcePolicy.WriteTo(source.SourcePolicyFile);
        var options = Options(app, revision, src, image) with
        {
            Dockerfile = source.EngineDockerfile,
            SourcePolicy = source.SourcePolicyFile,
            Buildx = host.Buildx,
            // docker 20.10's BuildKit takes no parent; buildx's engines (docker 23 on) do.
            BuildCgroup = host.Buildx is null ? null : cgroups.Of(app.Name),
        };
        // The dated tag and the release's number go on the image itself: a registry's copy says what it is.
        if (app.FindRelease(number) is { Tag: { } tag } release)
            options = options with { ExtraTags = [ImageName.Dated(app.Name, tag)], Release = number, Created = release.Time };
        else
            options = options with { Release = number };
        await units.InstallAsync(Render(source.Config, options), ct);
        return (source, manifest, options);
    }

    static IReadOnlyList<UnitFile> Render(ImageConfig config, UnitOptions options)
    {
        try
        {
            return UnitRenderer.Render(config, options);
        }
        catch (RenderException e)
        {
            throw new DeployFailedException(e.Message);
        }
    }

    UnitOptions Options(AppState app, string revision, string src, string image) => new()
    {
        App = app.Name,
        Revision = revision,
        ContextDir = src,
        Image = image,
        Template = true,
        EnvFile = paths.AppEnv(app.Name),
        DataDir = paths.App(app.Name),
        Memory = app.Resources.MemoryUnder(settings.Limits),
        Cpus = app.Resources.Cpus,
        PidsLimit = settings.Limits.PidsPerContainer,
        BuildTasks = settings.Limits.BuildTasks,
        BuildMemory = settings.Limits.BuildMemoryMegabytes == 0 ? null : $"{settings.Limits.BuildMemoryMegabytes}M",
        Network = ReleaseNames.Network(app.Name),
        BuildScope = app.BuildScope,
        // OCI labels on the image: where it was pushed and when it was built.
        Source = paths.Repo(app.Name),
        Created = DateTimeOffset.UtcNow,
    };

    /// <summary>The Dockerfile a release was built from, parsed again (for a release that reuses its image).</summary>
    ImageConfig ParseRecorded(string app, int number)
    {
        var file = Path.Combine(paths.Release(app, number), "Dockerfile");
        if (!File.Exists(file))
            throw new DeployFailedException($"release {number} of {app} has no recorded Dockerfile any more: deploy its revision again");
        try
        {
            return Dockerfile.Parse(File.ReadAllText(file));
        }
        catch (DockerfileException e)
        {
            throw new DeployFailedException(e.Message);
        }
    }
}
