using System.Globalization;
using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Releases;

/// <summary>`rollback APP [N]`: release N's image again (default: the deployed release before the current one), no rebuild.</summary>
public sealed class RollbackVerb(AppDoor door, Redeploy redeploy) : AppVerb(door)
{
    public override string Verb => "rollback";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        int? target = context.Args.Count > 1
            ? int.TryParse(context.Args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1
            : app.Releases.Where(r => r.Result == ReleaseResult.Deployed && r.Number < (app.CurrentRelease ?? 0)).Select(r => (int?)r.Number).Max();
        if (target is not { } number || app.FindRelease(number) is not { Result: ReleaseResult.Deployed })
        {
            await context.Reply.ErrAsync($"{app.Name}: no earlier deployed release to roll back to (see 'releases {app.Name}')");
            return 1;
        }
        return await redeploy.RunAsync(app, number, $"rollback to {number}, release", context, ct);
    }
}
