using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Repos;

public static class ReposServices
{
    /// <summary>The bare repositories, their revisions and checkouts; git-receive-pack and git-upload-pack.</summary>
    public static IServiceCollection AddRepos(this IServiceCollection services) =>
        services.AddFeature()
            .Singleton<RepoStore>().Singleton<RepoRevisions>().Singleton<GitArchive>().Singleton<LandingRefs>()
            .Verb<ReceivePackVerb>().Verb<UploadPackVerb>()
            .Services;
}
