using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.AppConfig;

/// <summary>`config:unset APP K...`: removes values, then a new release without them goes through the health gate.</summary>
public sealed class ConfigUnsetVerb(AppDoor door, AppEnvStore env, ConfigRelease release) : IVerbHandler
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
        var removed = env.Read(locked.App.Name).Select(kv => kv.Key).Where(names.Contains).ToArray();
        if (removed.Length == 0)
        {
            await context.Reply.StepAsync($"{locked.App.Name} had none of {string.Join(", ", names.Select(n => Untrusted.Printable(n)))}: nothing changed");
            return 0;
        }
        await context.Reply.StepAsync($"Unset {string.Join(", ", removed)}");
        return await release.RunAsync(locked.App, () => env.Unset(locked.App.Name, names), context, ct);
    }
}
