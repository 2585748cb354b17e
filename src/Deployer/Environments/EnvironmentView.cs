using Nap.Deployer.Apps;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Protocol;

namespace Nap.Deployer.Environments;

/// <summary>One environment's line in `envs`, from its app.json alone.</summary>
public static class EnvironmentView
{
    public static EnvironmentLine Of(AppState app, AppState slot, NapdConfig config)
    {
        var summary = AppSummary.Of(slot, config);
        DateTimeOffset? expires = slot.Review && app.ReviewApps is { } review && slot.LastPush is { } last ? last + review.Ttl : null;
        return new EnvironmentLine(app.Name, AppSlot.EnvOf(slot.Name), EnvironmentSlots.Branches(slot), summary.State, summary.Release, summary.Revision,
            AppAddress.Address(config, slot), slot.Review, expires);
    }
}
