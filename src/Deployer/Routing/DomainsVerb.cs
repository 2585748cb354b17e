using System.Text.Json;
using Nap.Deployer.Apps;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Routing;

/// <summary>`domains APP [--json]`: the host names nginx routes to the app (APP.BASE_DOMAIN first when configured).</summary>
public sealed class DomainsVerb(AppDoor door, NapdConfig config) : IVerbHandler
{
    public string Verb => "domains";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        if (await door.ReadAsync(context, ct) is not { } app)
            return 1;
        var domains = AppAddress.Domains(config, app);
        if (context.Json)
            await context.Reply.OutAsync(JsonSerializer.Serialize(domains, RoutingJson.Default.IReadOnlyListString));
        else
            foreach (var domain in domains)
                await context.Reply.OutAsync(domain);
        return 0;
    }
}
