using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nap.Deployer.Access;
using Nap.Deployer.Apps;
using Nap.Deployer.Config;
using Nap.Deployer.Keys;
using Nap.Deployer.Repos;
using Nap.Deployer.Server;
using Nap.Deployer.State;
using Nap.Deployer.Unix;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer;

/// <summary>
/// napd's services. The deploy pipeline plugs in by implementing the partial method
/// <see cref="AddDeploys"/> (in Deploys/), so neither part edits the other's registrations.
/// It runs first: its registrations win over the core's TryAdd defaults (e.g. IAppSummaries).
/// </summary>
public static partial class NapdServices
{
    public static IServiceCollection AddNapd(this IServiceCollection services, NapPaths paths, NapdConfig config)
    {
        AddDeploys(services);

        services.TryAddSingleton(paths);
        services.TryAddSingleton(config);
        services.TryAddSingleton(UnixAccounts.System);
        services.TryAddSingleton(sp => PeerPolicy.ForHost(sp.GetRequiredService<UnixAccounts>()));
        services.TryAddSingleton(new KeyRing(paths.AuthorizedKeys));
        services.TryAddSingleton<VerbDispatcher>();
        services.TryAddSingleton<Connection>();
        services.TryAddSingleton<SocketSetup>();
        services.AddHostedService<SocketServer>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AppStateStore>();
        services.TryAddSingleton<AppLocks>();
        services.TryAddSingleton<AppGate>();
        services.TryAddSingleton<RepoStore>();
        services.TryAddSingleton<RepoRevisions>();
        services.TryAddSingleton<GitArchive>();
        services.TryAddSingleton<IAppSummaries, RecordedSummaries>();

        services.AddVerb<HelpVerb>();
        services.AddVerb<AppsVerb>();
        services.AddVerb<AccessVerb>();
        services.AddVerb<AccessAddVerb>();
        services.AddVerb<AccessRemoveVerb>();
        services.AddVerb<ReceivePackVerb>();
        services.AddVerb<UploadPackVerb>();
        return services;
    }

    /// <summary>Implemented by the deploy pipeline: its services and its verbs (<c>services.AddVerb&lt;T&gt;()</c>).</summary>
    static partial void AddDeploys(IServiceCollection services);
}
