using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>`apps [--json]`: the apps and environments the caller can reach, one line each, each app's production first.</summary>
public sealed class AppsVerb(AppStateStore store, NapdConfig config) : IVerbHandler
{
    public string Verb => "apps";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        var all = await store.ReadAllAsync(ct);
        var apps = all.Where(a => !AppSlot.IsEnvironment(a.Name)).ToDictionary(a => a.Name);
        IReadOnlyList<AppSummary> lines = [.. all
            .Where(slot => apps.TryGetValue(AppSlot.AppOf(slot.Name), out var app) && AccessPolicy.CanUse(app, slot, context.Caller))
            .OrderBy(slot => AppSlot.AppOf(slot.Name), StringComparer.Ordinal).ThenBy(slot => AppSlot.IsEnvironment(slot.Name)).ThenBy(slot => slot.Name, StringComparer.Ordinal)
            .Select(slot => AppSummary.Of(slot, config))];
        if (context.Json)
            return await context.Reply.JsonAsync(lines, AppsJson.Default.IReadOnlyListAppSummary);

        if (lines.Count == 0)
            await context.Reply.OutAsync("no apps yet: git push nap@HOST:APP master");
        foreach (var s in lines)
            await context.Reply.OutAsync($"{(s.Environment == EnvName.Production ? s.Name : $"{s.Name} ({s.Environment})"),-24} {s.State,-9} {(s.Release is { } n ? "#" + n : "-"),-6} {(s.Revision is { } rev ? ReleaseNames.Short(rev) : "-"),-8} {s.Url ?? "-"}");
        return 0;
    }
}
