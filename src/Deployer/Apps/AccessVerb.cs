using Nap.Deployer.Verbs;

namespace Nap.Deployer.Apps;

/// <summary>`access APP [--json]`: the owner and the granted keys.</summary>
public sealed class AccessVerb(AppDoor door, KeyRing keys) : AppVerb(door, waitsForLock: false)
{
    public override string Verb => "access";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        if (context.Json)
            return await context.Reply.JsonAsync(new AccessList(app.Name, app.Owner, app.Access), AccessJson.Default.AccessList);

        await context.Reply.OutAsync($"{app.Owner} (owner){Gone(app.Owner)}");
        foreach (var key in app.Access)
            await context.Reply.OutAsync(key + Gone(key));
        return 0;
    }

    /// <summary>A key removed from authorized_keys keeps its grants (harmless: it cannot connect); say so.</summary>
    string Gone(string key) => key == Caller.RootKey || keys.Exists(key) ? "" : " (no longer in authorized_keys)";
}
