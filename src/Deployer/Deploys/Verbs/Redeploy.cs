using Nap.Deployer.State;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Deploys.Verbs;

/// <summary>A new release of the current image (config, restart, resources) or of an older one (rollback).</summary>
public sealed class Redeploy(DeployPipeline pipeline)
{
    public async Task<int> RunAsync(AppState app, int? source, string why, VerbContext context, CancellationToken ct)
    {
        if ((source ?? app.CurrentRelease) is not { } number)
        {
            await context.Reply.OutAsync($"-----> {app.Name} has no release yet: this takes effect on its first deploy");
            return 0;
        }
        try
        {
            return await pipeline.RedeployAsync(app.Name, number, why, context.Caller.Key, context.Reply, ct);
        }
        catch (DeployFailedException e)
        {
            await context.Reply.ErrAsync($" !     {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// For a setting stored before its release (config, limits): every later release inherits what is stored,
    /// so <paramref name="undo"/> puts it back unless a release went live with it (failed, cancelled, napd error).
    /// </summary>
    public async Task<int> RunOrUndoAsync(AppState app, string why, Func<Task> undo, VerbContext context, CancellationToken ct)
    {
        var kept = false;
        try
        {
            var code = await RunAsync(app, null, why, context, ct);
            kept = code == 0;
            return code;
        }
        finally
        {
            if (!kept)
                await undo();
        }
    }
}
