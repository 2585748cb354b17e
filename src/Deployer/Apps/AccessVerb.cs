using System.Text.Json;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Apps;

/// <summary>`access APP [--json]`: the owner and the granted keys.</summary>
public sealed class AccessVerb(AppGate gate, KeyRing keys) : IVerbHandler
{
    public string Verb => "access";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        if (await gate.OpenAsync(context, ct) is not { } app)
            return 1;
        if (context.Json)
        {
            await context.Reply.OutAsync(JsonSerializer.Serialize(new AccessList(app.Name, app.Owner, app.Access), AccessJson.Default.AccessList));
            return 0;
        }

        await context.Reply.OutAsync($"{app.Owner} (owner){Gone(app.Owner)}");
        foreach (var key in app.Access)
            await context.Reply.OutAsync(key + Gone(key));
        return 0;
    }

    /// <summary>A key removed from authorized_keys keeps its grants (harmless: it cannot connect); say so.</summary>
    string Gone(string key) => key == Caller.RootKey || keys.Exists(key) ? "" : " (no longer in authorized_keys)";
}
