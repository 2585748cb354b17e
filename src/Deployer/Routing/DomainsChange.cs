using Nap.Deployer.Apps;
using Nap.Deployer.Nginx;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Routing;

/// <summary>
/// `domains:add` and `domains:remove`: the app's state and its nginx file change together or not at all; with automatic
/// certificates, its certificate too (a new one for the new names, or the change is refused with the CA's reason).
/// </summary>
public abstract class DomainsChange(
    AppDoor door, AppStateStore store, AppSites sites, NginxFrontDoor nginx, IDomainCertificates certificates, NapdConfig config, bool add) : AppVerb(door)
{
    // The app's lock covers only the app: two apps adding one domain at once would both find it free.
    static readonly SemaphoreSlim Claims = new(1, 1);

    public override string Verb => add ? "domains:add" : "domains:remove";

    static string[] Domains(VerbContext context) => [.. context.Args.Skip(1).Select(DomainName.Normalize).Distinct()];

    protected override string? Refusal(VerbContext context) => Domains(context) switch
    {
        [] => $"usage: {Verb} APP DOMAIN...",
        var domains => domains.Select(DomainName.Validate).FirstOrDefault(e => e is not null),
    };

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        await Claims.WaitAsync(ct);
        try
        {
            return await ChangeAsync(app, Domains(context), context, ct);
        }
        finally
        {
            Claims.Release();
        }
    }

    async Task<int> ChangeAsync(AppState app, string[] domains, VerbContext context, CancellationToken ct)
    {
        var claimed = add ? domains.Except(app.Domains).ToArray() : [];
        if (claimed.Select(d => DomainClaims.ReservedFor(config, app.Name, d)).FirstOrDefault(r => r is not null) is { } reserved)
        {
            await context.Reply.ErrAsync(reserved);
            return 1;
        }
        if (claimed.Length > 0 && DomainClaims.Owner(await store.ReadAllAsync(ct), config, app.Name, claimed) is var (taken, owner))
        {
            await context.Reply.ErrAsync($"{taken} is already a domain of another app ({owner}): remove it there first");
            return 1;
        }

        var changed = app.WithDomains(add ? app.Domains.Concat(domains) : app.Domains.Except(domains));
        try
        {
            if (sites.Current(changed) is { } site)
                await nginx.ApplyAsync(site, ct, claimed);
        }
        catch (NginxException e)
        {
            await context.Reply.ProblemAsync(e.Message);
            return 1;
        }
        if (changed.AutoCerts is not null && await certificates.FollowAsync(app, changed, context.Reply, ct) is { } refusal)
        {
            await context.Reply.ProblemAsync($"{app.Name} keeps its domains ({string.Join(' ', AppAddress.Domains(config, app))}): {refusal}");
            return 1;
        }
        await store.UpdateAsync(app.Name, a => a.WithDomains(changed.Domains), CancellationToken.None);
        var scheme = changed.AutoCerts is null ? "http" : "https";
        foreach (var domain in AppAddress.Domains(config, changed))
            await context.Reply.OutAsync($"{scheme}://{domain}/");
        return 0;
    }
}

public sealed class DomainsAddVerb(AppDoor door, AppStateStore store, AppSites sites, NginxFrontDoor nginx, IDomainCertificates certificates, NapdConfig config)
    : DomainsChange(door, store, sites, nginx, certificates, config, add: true);

public sealed class DomainsRemoveVerb(AppDoor door, AppStateStore store, AppSites sites, NginxFrontDoor nginx, IDomainCertificates certificates, NapdConfig config)
    : DomainsChange(door, store, sites, nginx, certificates, config, add: false);
