using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Routing;

/// <summary>
/// Certs' part in a change of an app's domains (Certs implements it: Routing may not reach Certs). An app whose
/// certificate renews itself gets one for its new set of names before the change is kept.
/// </summary>
public interface IDomainCertificates
{
    /// <param name="before">The app as it served before the change.</param>
    /// <param name="changed">The app with its new domains, whose site nginx already serves, so the new names answer the challenge.</param>
    /// <returns>null when the change may be kept; else the one-line reason, told to no one yet, with <paramref name="before"/>'s site and certificate serving again.</returns>
    Task<string?> FollowAsync(AppState before, AppState changed, IReplyWriter reply, CancellationToken ct);
}
