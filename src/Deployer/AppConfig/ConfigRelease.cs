using Nap.Deployer.Apps;
using Nap.Deployer.Releases;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.AppConfig;

/// <summary>
/// A config change (set, unset, secret) is kept only once a release passed the health gate with it. The run
/// unit reads apps/APP/env on every start, so a change left behind by a failed release would reach the
/// release still serving at its next restart (a crash, a reboot) and could break it there.
/// </summary>
public sealed class ConfigRelease(AppEnvStore env, Redeploy redeploy)
{
    /// <param name="change">Writes the change; runs after the current config has been read.</param>
    public async Task<int> RunAsync(AppState app, Action change, VerbContext context, CancellationToken ct)
    {
        var before = env.Read(app.Name);
        change();
        return await redeploy.RunOrUndoAsync(app, "config change as release", async () =>
        {
            env.Replace(app.Name, before);
            await context.Reply.ErrAsync(RemoteLines.Step($"{app.Name}: config left as it was"));
        }, context, ct);
    }
}
