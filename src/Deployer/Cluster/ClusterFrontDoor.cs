using System.Net;
using Nap.Deployer.Apps;
using Nap.Deployer.Nginx;
using Nap.Deployer.Routing;

namespace Nap.Deployer.Cluster;

/// <summary>
/// The primary's nginx keeps the app's stable address; on a cluster its upstream lists the release's running tasks,
/// built by Routing's AppSites like every other site, so domains and certificates stay as they were.
/// </summary>
public sealed class ClusterFrontDoor(AppSites sites, NginxFrontDoor nginx)
{
    /// <summary>Points the app's site at <paramref name="upstream"/> (ADDR:PORT each, <see cref="TaskPlace.Upstream"/>): nginx -t, then reload.</summary>
    /// <exception cref="NginxException">nginx refused it; the previous file stays.</exception>
    public Task ApplyAsync(AppState app, int appPort, IReadOnlyList<string> upstream, CancellationToken ct) =>
        nginx.ApplyAsync(sites.Site(app, appPort, []).WithTasks([.. upstream.Select(IPEndPoint.Parse)]), ct);
}
