using Nap.Deployer.Verbs;

namespace Nap.Deployer.Steps;

/// <summary>`steps [--json]`: the stored pipelines and their steps.</summary>
public sealed class StepsVerb(PipelineStore store) : IVerbHandler
{
    public string Verb => "steps";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        if (context.Args.Count > 0)
        {
            await context.Reply.ErrAsync("use steps [--json]");
            return 1;
        }
        var pipelines = store.Names().Select(name => new StoredPipeline(name, Steps(name))).ToArray();
        if (context.Json)
            return await context.Reply.JsonAsync<IReadOnlyList<StoredPipeline>>(pipelines, StepsJson.Default.IReadOnlyListStoredPipeline);
        if (pipelines.Length == 0)
            await context.Reply.OutAsync("no stored pipelines yet: an admin stores one with ssh nap@HOST steps:set NAME < pipe.json");
        foreach (var p in pipelines)
            await context.Reply.OutAsync($"{p.Name,-24} {(p.Steps is { } steps ? string.Join(", ", steps) : "(no longer passes this host's checks: steps:show, then steps:set)")}");
        return 0;
    }

    IReadOnlyList<string>? Steps(string name)
    {
        try
        {
            return store.Find(name)?.Select(s => s.Name).ToArray();
        }
        catch (AppManifestException)
        {
            return null;
        }
    }
}
