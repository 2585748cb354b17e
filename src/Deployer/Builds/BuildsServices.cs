using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Builds;

public static class BuildsServices
{
    /// <summary>From a revision to an image and its units; no verb of its own (a push or `deploy` builds).</summary>
    public static IServiceCollection AddBuilds(this IServiceCollection services) =>
        services.AddFeature()
            .Singleton<BuildLog>().Singleton<Builder>().Singleton<AddDownloads>().Singleton<BaseImageTriggers>().Singleton<BuildCgroups>().Singleton<BuildDisk>()
            .Services;
}
