using Nap.Deployer.Apps;
using Nap.Deployer.Nginx;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Routing;

/// <summary>`domains:add` and `domains:remove`: the app's state and its nginx file change together or not at all.</summary>
public sealed class DomainsChange(AppDoor door, AppStateStore store, AppSites sites, NginxFrontDoor nginx, NapdConfig config)
{
    public async Task<int> RunAsync(VerbContext context, bool add, CancellationToken ct)
    {
        var domains = context.Args.Skip(1).Select(DomainName.Normalize).Distinct().ToArray();
        var error = domains.Length == 0 ? $"usage: domains:{(add ? "add" : "remove")} APP DOMAIN..." : domains.Select(DomainName.Validate).FirstOrDefault(e => e is not null);
        if (error is not null)
        {
            await context.Reply.ErrAsync(error);
            return 1;
        }

        using var locked = await door.OpenAsync(context, ct);
        if (locked is null)
            return 1;
        var app = locked.App;
        if (add)
        {
            var others = (await store.ReadAllAsync(ct)).Where(a => a.Name != app.Name)
                .SelectMany(a => AppAddress.Domains(config, a).Select(d => (Domain: d, App: a.Name)))
                // Two apps may already share a name (state from before this check): it names the first, never throws.
                .GroupBy(x => x.Domain).ToDictionary(g => g.Key, g => g.First().App);
            if (domains.FirstOrDefault(others.ContainsKey) is { } taken)
            {
                await context.Reply.ErrAsync($"{taken} is already a domain of another app ({others[taken]}): remove it there first");
                return 1;
            }
        }

        var changed = app.WithDomains(add ? app.Domains.Concat(domains) : app.Domains.Except(domains));
        try
        {
            if (sites.Current(changed) is { } site)
                await nginx.ApplyAsync(site, ct);
        }
        catch (NginxException e)
        {
            await context.Reply.ProblemAsync(e.Message);
            return 1;
        }
        await store.UpdateAsync(app.Name, a => a.WithDomains(changed.Domains), CancellationToken.None);
        foreach (var domain in AppAddress.Domains(config, changed))
            await context.Reply.OutAsync($"http://{domain}/");
        return 0;
    }
}

public sealed class DomainsAddVerb(DomainsChange change) : IVerbHandler
{
    public string Verb => "domains:add";

    public Task<int> HandleAsync(VerbContext context, CancellationToken ct) => change.RunAsync(context, add: true, ct);
}

public sealed class DomainsRemoveVerb(DomainsChange change) : IVerbHandler
{
    public string Verb => "domains:remove";

    public Task<int> HandleAsync(VerbContext context, CancellationToken ct) => change.RunAsync(context, add: false, ct);
}
