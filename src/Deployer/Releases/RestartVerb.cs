using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

/// <summary>`restart APP`: the current image as a new release, through the health gate; the old one serves until then.</summary>
public sealed class RestartVerb(AppDoor door, Redeploy redeploy) : AppVerb(door)
{
    public override string Verb => "restart";

    protected override Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct) =>
        redeploy.RunAsync(app, null, "restart as release", context, ct);
}
