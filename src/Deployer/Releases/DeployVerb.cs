using Nap.Deployer.Apps;
using Nap.Deployer.Repos;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Releases;

/// <summary>`deploy APP [REV]`: build and release a revision already in the repository (default: the deploy branch's head).</summary>
public sealed class DeployVerb(AppDoor door, DeployPipeline pipeline, GitArchive archive, RepoRevisions revisions) : AppVerb(door)
{
    public override string Verb => "deploy";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        string? commit;
        if (context.Args.Count > 1)
        {
            commit = revisions.Resolve(app.Name, context.Args[1]);
            if (commit is null)
            {
                await context.Reply.ErrAsync($"{app.Name}: no revision '{Untrusted.Printable(context.Args[1])}' in its repository");
                return 1;
            }
        }
        else if (revisions.DeployHead(app) is { } head)
            commit = head.Commit;
        else
        {
            await context.Reply.ErrAsync($"{app.Name}: nothing pushed to its deploy branch yet");
            return 1;
        }

        return await pipeline.DeployAsync(app.Name, commit, context.Caller.Key,
            (dest, token) => archive.ExtractAsync(app.Name, commit, dest, token), context.Reply, ct);
    }
}
