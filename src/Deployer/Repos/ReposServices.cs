using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Repos;

public static class ReposServices
{
    /// <summary>The bare repositories, their revisions and checkouts; git-receive-pack and git-upload-pack.</summary>
    public static IServiceCollection AddRepos(this IServiceCollection services)
    {
        services.AddSingleton<RepoStore>();
        services.AddSingleton<RepoRevisions>();
        services.AddSingleton<GitArchive>();
        services.AddSingleton<LandingRefs>();
        services.AddVerb<ReceivePackVerb>();
        services.AddVerb<UploadPackVerb>();
        return services;
    }
}
