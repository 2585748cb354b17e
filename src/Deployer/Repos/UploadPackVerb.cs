using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Repos;

/// <summary>`git-upload-pack APP`: a key with access fetches the app's source back.</summary>
// A fetch reads what the repository has: a deploy under way does not change it.
public sealed class UploadPackVerb(AppDoor door, RepoStore repos) : AppVerb(door, AppGate.Need.Reach, waitsForLock: false)
{
    public override string Verb => "git-upload-pack";


    protected override string? Refusal(VerbContext context) => context.Args.Count == 1 ? null : "usage: git-upload-pack APP";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        if (!repos.Exists(app.Name))
        {
            await context.Reply.ErrAsync($"{app.Name}: no repository yet (push it first)");
            return 1;
        }

        return 0;
    }
}
