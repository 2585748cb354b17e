using Nap.Deployer.Verbs;

namespace Nap.Deployer.Steps;

/// <summary>`steps:set NAME &lt; pipe.json` (admin keys): checks and stores a pipeline that app.json's "uses" can name.</summary>
public sealed class StepsSetVerb(PipelineStore store) : PipelineVerb
{
    public override string Verb => "steps:set";

    protected override bool ForAdmins => true;

    protected override async Task<int> RunAsync(string name, VerbContext context, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(context.Request.Input))
        {
            await context.Reply.ErrAsync($"steps:set {name} reads the pipeline on stdin: ssh nap@HOST steps:set {name} < pipe.json");
            return 1;
        }
        try
        {
            var steps = store.Save(name, context.Request.Input);
            await context.Reply.StepAsync($"pipeline {name} stored: {steps.Count} step{(steps.Count == 1 ? "" : "s")} ({string.Join(", ", steps.Select(s => s.Name))}); app.json uses it with \"uses\": [\"{name}\"]");
            return 0;
        }
        catch (AppManifestException e)
        {
            await context.Reply.ProblemAsync($"{e.Message}; pipeline {name} was not changed");
            return 1;
        }
    }
}
