using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Repos;

/// <summary>`git-upload-pack APP`: a key with access fetches the app's source back.</summary>
public sealed class UploadPackVerb(AppGate gate, RepoStore repos) : IVerbHandler
{
    public string Verb => "git-upload-pack";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        if (context.Args.Count != 1)
        {
            await context.Reply.ErrAsync("usage: git-upload-pack APP");
            return 1;
        }

        if (await gate.OpenAsync(context, ct) is not { } app)
            return 1;
        if (!repos.Exists(app.Name))
        {
            await context.Reply.ErrAsync($"{app.Name}: no repository yet (push it first)");
            return 1;
        }

        return 0;
    }
}
