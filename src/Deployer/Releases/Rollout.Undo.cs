using Nap.Deployer.Apps;
using Nap.Deployer.Health;
using Nap.Deployer.Instances;
using Nap.Deployer.Nginx;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

public sealed partial class Rollout
{
    /// <summary>A later instance failed after nginx had moved: the replaced old instances come back one by one, newest first.</summary>
    async Task<RolledOut?> UndoAsync(
        AppState app, ReleasePlan plan, IReadOnlyList<AppInstance> old, IReadOnlyList<AppInstance> fresh, int done, NginxSite site, string reason, IReplyWriter reply)
    {
        await failures.ReportAsync(reason, fresh[done], reply);
        await instances.StopQuietlyAsync(fresh[done].Unit);
        var gate = app.Current?.Gate ?? HealthGate.Probe;
        foreach (var step in RollingPlan.Back(old, fresh, done))
        {
            if (step.Start is { } start)
                await reply.ProblemAsync($"starting {start} again");
            if (await StepAsync(step, site, gate, reply) is { } failure)
            {
                // Nothing more to try without making it worse: what serves now keeps serving.
                await reply.ProblemAsync($"{step.Start} did not come back ({failure}): see ps {app.Name}");
                await failures.RecordAsync(app.Name, plan, ReleaseResult.Unhealthy, reason);
                return null;
            }
            await instances.DrainAndStopAsync(step.Retire);
        }
        return await failures.FailAsync(app.Name, plan, fresh, ReleaseResult.Unhealthy, reason, reply, reported: true);
    }
}
