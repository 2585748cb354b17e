using Nap.Deployer.Verbs;

namespace Nap.Deployer.Steps;

/// <summary>`steps:show NAME`: the stored pipeline as it was sent.</summary>
public sealed class StepsShowVerb(PipelineStore store) : PipelineVerb
{
    public override string Verb => "steps:show";

    protected override async Task<int> RunAsync(string name, VerbContext context, CancellationToken ct)
    {
        if (store.ReadText(name) is not { } text)
            return await NoneAsync(name, context);
        foreach (var line in text.TrimEnd().Split('\n'))
            await context.Reply.OutAsync(line.TrimEnd('\r'));
        return 0;
    }
}
