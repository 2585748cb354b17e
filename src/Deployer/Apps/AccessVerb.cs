using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>`access APP [--env ENV] [--json]`: the owner and the granted keys, each with the environments it may use.</summary>
public sealed class AccessVerb(AppDoor door, AppStateStore store, AccessGrants grants, KeyRing keys) : AppVerb(door, waitsForLock: false)
{
    public override string Verb => "access";

    protected override async Task<int> RunAsync(AppState slot, VerbContext context, CancellationToken ct)
    {
        var app = AppSlot.IsEnvironment(slot.Name) ? await store.ReadAsync(AppSlot.AppOf(slot.Name), ct) ?? slot : slot;
        var env = context.Env is null ? null : AppSlot.EnvOf(slot.Name);
        IReadOnlyList<KeyGrant> listed = [.. (await grants.OfAsync(app, ct)).Where(g => env is null || g.Environments.Contains(env))];
        if (context.Json)
            return await context.Reply.JsonAsync(
                new AccessList(app.Name, app.Owner, [.. listed.Select(g => g.Key)]) { Environment = env, Grants = listed }, AccessJson.Default.AccessList);

        await context.Reply.OutAsync($"{app.Owner} (owner){Gone(app.Owner)}");
        foreach (var grant in listed)
            await context.Reply.OutAsync($"{grant.Key} ({(grant.All ? "every environment" : string.Join(", ", grant.Environments))}){Gone(grant.Key)}");
        return 0;
    }

    /// <summary>A key removed from authorized_keys keeps its grants (harmless: it cannot connect); say so.</summary>
    string Gone(string key) => key == Caller.RootKey || keys.Exists(key) ? "" : " (no longer in authorized_keys)";
}
