using System.Globalization;
using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Hooks;

/// <summary>`hooks:deliveries APP [--json]`: the last 50 deliveries, oldest first, with how each was answered and what its deploy became.</summary>
public sealed class HooksDeliveriesVerb(AppDoor door, DeliveryLog log) : AppVerb(door, waitsForLock: false)
{
    public override string Verb => "hooks:deliveries";

    protected override string? Refusal(VerbContext context) => HookScope.EnvRefusal(context) ?? (context.Args.Count == 1 ? null : "use hooks:deliveries APP [--json]");

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var deliveries = log.Read(app.Name);
        if (context.Json)
            return await context.Reply.JsonAsync(deliveries, HooksJson.Default.IReadOnlyListDelivery);
        if (deliveries.Count == 0)
        {
            await context.Reply.OutAsync($"no deliveries for {app.Name} yet");
            return 0;
        }
        await context.Reply.OutAsync($"{"TIME",-20} {"FORGE",-7} {"EVENT",-14} {"DELIVERY",-38} {"REF",-20} {"REVISION",-12} {"RELEASE",-7} RESULT");
        foreach (var d in deliveries)
            await context.Reply.OutAsync(string.Create(CultureInfo.InvariantCulture,
                $"{d.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss} {d.Forge,-7} {d.Event,-14} {d.Id ?? "-",-38} {d.Ref ?? "-",-20} {(d.Revision is { } r ? ReleaseNames.Short(r) : "-"),-12} {(d.Release is { } n ? n.ToString(CultureInfo.InvariantCulture) : "-"),-7} {d.Status} {d.Result}"));
        return 0;
    }
}
