using Nap.Deployer.Apps;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Routing;

/// <summary>`domains APP [--json]`: the host names nginx routes to the app (APP.BASE_DOMAIN first when configured).</summary>
public sealed class DomainsVerb(AppDoor door, NapdConfig config) : AppVerb(door, waitsForLock: false)
{
    public override string Verb => "domains";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var domains = AppAddress.Domains(config, app);
        if (context.Json)
            return await context.Reply.JsonAsync(domains, RoutingJson.Default.IReadOnlyListString);
        foreach (var domain in domains)
            await context.Reply.OutAsync(domain);
        return 0;
    }
}
