using Nap.Deployer.Verbs;

namespace Nap.Deployer.Steps;

/// <summary>`steps:remove NAME` (admin keys): apps that still use it are refused at their next push, naming it.</summary>
public sealed class StepsRemoveVerb(PipelineStore store) : PipelineVerb
{
    public override string Verb => "steps:remove";

    protected override bool ForAdmins => true;

    protected override async Task<int> RunAsync(string name, VerbContext context, CancellationToken ct)
    {
        if (!store.Remove(name))
            return await NoneAsync(name, context);
        await context.Reply.StepAsync($"pipeline {name} removed: an app.json that uses it is refused at its next push");
        return 0;
    }
}
