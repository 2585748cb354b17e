namespace Nap.Deployer.Verbs;

/// <summary>`help`: the verbs and how to push.</summary>
public sealed class HelpVerb : IVerbHandler
{
    public string Verb => "help";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        foreach (var line in Nap.Protocol.Verbs.ShortHelp.Split('\n'))
            await context.Reply.OutAsync(line);
        return 0;
    }
}
