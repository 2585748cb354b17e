using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

/// <summary>`restart APP`: the current image as a new release, through the health gate; the old one serves until then.</summary>
public sealed class RestartVerb(AppDoor door, Redeploy redeploy) : IVerbHandler
{
    public string Verb => "restart";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        using var locked = await door.OpenAsync(context, ct);
        return locked is null ? 1 : await redeploy.RunAsync(locked.App, null, "restart as release", context, ct);
    }
}
