using Nap.Deployer.Apps;
using Nap.Deployer.Docker;
using Nap.Deployer.Registry;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

/// <summary>
/// A promotion's image under TO's own names with FROM's dated tag (the same image: its build's time and revision):
/// nap/TO:TAG here, and REGISTRY/TO:TAG in the registry before anything of TO's release starts, as a push pushes. The
/// cluster's nodes pull that name, and a rollback to the promoted release on a host that lost its image pulls it back.
/// TO's repository, not FROM's: retention and the registry's cleanup go by each slot's own records, so FROM's old
/// releases going never take TO's image with them.
/// </summary>
public sealed class PromotionPush(AppStateStore store, IDocker docker, RegistryTransfer registry, Retention retention, TimeProvider clock)
{
    /// <returns>
    /// True when TO's release may start (pushed, no registry, or an image from before dated tags, which the switch judges);
    /// false when the registry did not take it: told to the client in one line, recorded, TO's running release serving on.
    /// </returns>
    public async Task<bool> PushAsync(ReleasePlan plan, string key, IReplyWriter reply, CancellationToken ct)
    {
        if (plan.Tag is not { } tag)
            return true;
        var local = ImageName.Dated(plan.App, tag);
        await docker.TagAsync(plan.Image, local, ct);
        // Recorded before the push, as a push's release is: a napd killed meanwhile leaves a release its start cancels.
        var pending = new Release(plan.Number, plan.Revision, key, clock.GetUtcNow(), plan.Image, null, ReleaseResult.Pending).WithTag(tag) with { Note = plan.Note };
        await store.UpdateAsync(plan.App, a => a.WithRelease(pending), ct);
        try
        {
            await registry.PushAsync(plan.App, tag, local, Task.CompletedTask, reply, ct);
            return true;
        }
        catch (RegistryException e)
        {
            await FailAsync(plan, ReleaseResult.PushFailed, e.Message, reply);
            return false;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await FailAsync(plan, ReleaseResult.Cancelled, "cancelled: the client went away", reply);
            throw;
        }
    }

    async Task FailAsync(ReleasePlan plan, ReleaseResult result, string reason, IReplyWriter reply)
    {
        await reply.ProblemAsync(reason);
        await store.UpdateAsync(plan.App, a => a.FindRelease(plan.Number) is { } r ? a.WithRelease(r.WithResult(result, reason)) : a, CancellationToken.None);
        // Its N-HEX name and, unless another of TO's releases names the same image, its dated one.
        await retention.ForgetAsync(plan.App, plan.Number);
        await reply.ProblemAsync($"promotion rejected: {plan.App} was not changed: the previous release (if any) still serves");
    }
}
