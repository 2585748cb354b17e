using System.Text.Json;
using Nap.Deployer.Access;
using Nap.Deployer.State;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Apps;

/// <summary>`apps [--json]`: the apps the caller can reach, one line each.</summary>
public sealed class AppsVerb(AppStateStore store, IAppSummaries summaries) : IVerbHandler
{
    public string Verb => "apps";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        var reachable = (await store.ReadAllAsync(ct)).Where(app => AccessPolicy.CanUse(app, context.Caller));
        var lines = await Task.WhenAll(reachable.Select(app => summaries.SummarizeAsync(app, ct)));
        if (context.Json)
        {
            await context.Reply.OutAsync(JsonSerializer.Serialize<IReadOnlyList<AppSummary>>(lines, AppsJson.Default.IReadOnlyListAppSummary));
            return 0;
        }

        if (lines.Length == 0)
            await context.Reply.OutAsync("no apps yet: git push nap@HOST:APP master");
        foreach (var s in lines)
            await context.Reply.OutAsync($"{s.Name,-24} {s.State,-9} {(s.Release is { } n ? "#" + n : "-"),-6} {s.Revision?[..Math.Min(7, s.Revision.Length)] ?? "-",-8} {s.Url ?? "-"}");
        return 0;
    }
}
