using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Deploys.Verbs;

/// <summary>`config:unset APP K...`: removes values, then a new release without them goes through the health gate.</summary>
public sealed class ConfigUnsetVerb(AppDoor door, AppEnvStore env, Redeploy redeploy) : IVerbHandler
{
    public string Verb => "config:unset";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        var names = context.Args.Skip(1).ToArray();
        var error = names.Length == 0 ? "usage: config:unset APP NAME..." : names.Select(EnvVar.ValidateName).FirstOrDefault(e => e is not null);
        if (error is not null)
        {
            await context.Reply.ErrAsync(error);
            return 1;
        }

        using var locked = await door.OpenAsync(context, ct);
        if (locked is null)
            return 1;
        var removed = env.Unset(locked.App.Name, names);
        if (removed.Count == 0)
        {
            await context.Reply.OutAsync($"-----> {locked.App.Name} had none of {string.Join(", ", names.Select(n => AppName.Printable(n)))}: nothing changed");
            return 0;
        }
        await context.Reply.OutAsync($"-----> Unset {string.Join(", ", removed)}");
        return await redeploy.RunAsync(locked.App, null, "config change as release", context, ct);
    }
}
