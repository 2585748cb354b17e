using Nap.Deployer.Apps;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

/// <summary>
/// domains:add and domains:remove of an app with automatic certificates: a certificate for exactly the new names, so a
/// removed name is no longer in the certificate the app presents (it may go to another app, or away).
/// </summary>
public sealed class AcmeDomains(AcmeCertificates acme, AppCerts certs, NapdConfig config, TimeProvider clock) : IDomainCertificates
{
    public async Task<string?> FollowAsync(AppState before, AppState changed, IReplyWriter reply, CancellationToken ct)
    {
        var names = AppAddress.Domains(config, changed);
        var current = certs.Read(changed.Name);
        // With no name left no https server serves it; the next domain gets a certificate of its own.
        if (names.Count == 0 || (current is not null && current.Names.Order().SequenceEqual(names.Order()) && !AutoRenewal.IsDue(current, names, clock.GetUtcNow())))
            return null;
        var (_, failure) = await acme.ObtainAsync(before, changed, reply, ct);
        return failure;
    }
}
