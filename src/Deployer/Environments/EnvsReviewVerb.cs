using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Environments;

/// <summary>
/// `envs:review APP on [--ttl 7d]` / `off`: with review apps on, a pushed branch that is no environment's deploys
/// an environment of its own (<see cref="ReviewName"/>), removed with its branch or its ttl after its last push.
/// Off keeps the review apps that exist until their branch or ttl ends them.
/// </summary>
public sealed class EnvsReviewVerb(AppDoor door, AppStateStore store) : AppVerb(door, AppGate.Need.Manage)
{
    public override string Verb => "envs:review";

    static readonly TimeSpan MaxTtl = TimeSpan.FromDays(365);

    protected override string? Refusal(VerbContext context) => context.Env is not null || context.Args switch
    {
        [_, "on"] or [_, "off"] => false,
        [_, "on", "--ttl", var ttl] => Durations.Parse(ttl) is not { } t || t < TimeSpan.FromMinutes(1) || t > MaxTtl,
        _ => true,
    } ? "usage: envs:review APP on [--ttl 7d] | off (ttl: a number with m, h or d, from 1m to 365d)" : null;

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var on = context.Args[1] == "on";
        var ttl = context.Args.Count == 4 ? Durations.Parse(context.Args[3])!.Value : ReviewApps.DefaultTtl;
        await store.UpdateAsync(app.Name, a => a.WithReviewApps(on ? new ReviewApps((long)ttl.TotalSeconds) : null), ct);
        await context.Reply.DoneAsync(on
            ? $"{app.Name}: review apps on: a pushed branch that is no environment's deploys one of its own, removed with its branch or {Durations.Format(ttl)} after its last push"
            : $"{app.Name}: review apps off (those running stay until their branch is deleted or their ttl ends)");
        return 0;
    }
}
