using Nap.Deployer.Apps;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Environments;

/// <summary>`envs APP [--json]`: the app's environments the caller reaches, production first, with branch, release and address.</summary>
public sealed class EnvsVerb(AppDoor door, EnvironmentSlots environments, NapdConfig config) : AppVerb(door, AppGate.Need.Reach, waitsForLock: false)
{
    public override string Verb => "envs";

    protected override string? Refusal(VerbContext context) =>
        context.Env is not null ? $"envs lists every environment of the app: envs {Untrusted.Printable(context.App ?? "APP")}" : null;

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        IReadOnlyList<EnvironmentLine> lines = [.. (await environments.AllAsync(app, ct))
            .Where(slot => AccessPolicy.CanUse(app, slot, context.Caller))
            .Select(slot => EnvironmentView.Of(app, slot, config))];
        if (context.Json)
            return await context.Reply.JsonAsync(lines, EnvironmentsJson.Default.IReadOnlyListEnvironmentLine);
        foreach (var e in lines)
            await context.Reply.OutAsync($"{e.Environment,-20} {Untrusted.Printable(e.Branch),-24} {e.State,-9} {(e.Release is { } n ? "#" + n : "-"),-6} {e.Address ?? "-"}{(e.ExpiresAt is { } end ? $"  (review app until {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC)" : "")}");
        if (app.ReviewApps is { } review && AccessPolicy.CanUse(app, context.Caller))
            await context.Reply.OutAsync($"review apps: on, each removed {Durations.Format(review.Ttl)} after its branch's last push or with its branch");
        return 0;
    }
}
