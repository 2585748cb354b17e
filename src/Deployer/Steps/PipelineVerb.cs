using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Steps;

/// <summary>
/// The steps* verbs: a stored pipeline's name is checked first, and changes are for admin keys (the pipelines run in
/// every app that uses them). Any key may list and read them, to name them in its app.json.
/// </summary>
public abstract class PipelineVerb : IVerbHandler
{
    public abstract string Verb { get; }

    protected virtual bool ForAdmins => false;

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        if (ForAdmins && !context.Caller.IsAdmin)
        {
            await context.Reply.ErrAsync($"{Verb}: stored pipelines run in every app that uses them: only admin keys change them");
            return 1;
        }
        if (context.Args.Count != 1 || !StepName.IsValid(context.Args[0]))
        {
            var usage = Protocol.Verbs.Find(Verb)?.Usage ?? Verb;
            await context.Reply.ErrAsync(context.Args.Count == 1
                ? $"'{Untrusted.Printable(context.Args[0])}' is not a pipeline name: letters, digits, '.', '_' and '-', at most {StepName.MaxLength} characters ({usage})"
                : $"use {usage}");
            return 1;
        }
        return await RunAsync(context.Args[0], context, ct);
    }

    protected abstract Task<int> RunAsync(string name, VerbContext context, CancellationToken ct);

    protected static async Task<int> NoneAsync(string name, VerbContext context)
    {
        await context.Reply.ErrAsync($"there is no stored pipeline '{name}' on this host: steps lists them");
        return 1;
    }
}
