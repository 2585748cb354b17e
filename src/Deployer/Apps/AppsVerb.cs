using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Apps;

/// <summary>`apps [--json]`: the apps the caller can reach, one line each.</summary>
public sealed class AppsVerb(AppStateStore store, NapdConfig config) : IVerbHandler
{
    public string Verb => "apps";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        IReadOnlyList<AppSummary> lines = [.. (await store.ReadAllAsync(ct))
            .Where(app => AccessPolicy.CanUse(app, context.Caller))
            .Select(app => AppSummary.Of(app, config))];
        if (context.Json)
            return await context.Reply.JsonAsync(lines, AppsJson.Default.IReadOnlyListAppSummary);

        if (lines.Count == 0)
            await context.Reply.OutAsync("no apps yet: git push nap@HOST:APP master");
        foreach (var s in lines)
            await context.Reply.OutAsync($"{s.Name,-24} {s.State,-9} {(s.Release is { } n ? "#" + n : "-"),-6} {(s.Revision is { } rev ? ReleaseNames.Short(rev) : "-"),-8} {s.Url ?? "-"}");
        return 0;
    }
}
