using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.AppConfig;

/// <summary>`config:unset APP K...`: removes values, then a new release without them goes through the health gate.</summary>
public sealed class ConfigUnsetVerb(AppDoor door, AppEnvStore env, ConfigRelease release) : AppVerb(door)
{
    public override string Verb => "config:unset";

    protected override string? Refusal(VerbContext context) => context.Args.Count < 2
        ? "usage: config:unset APP NAME..."
        : context.Args.Skip(1).Select(EnvVar.ValidateName).FirstOrDefault(e => e is not null);

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var names = context.Args.Skip(1).ToArray();
        var removed = env.Read(app.Name).Select(kv => kv.Key).Where(names.Contains).ToArray();
        if (removed.Length == 0)
        {
            await context.Reply.StepAsync($"{app.Name} had none of {string.Join(", ", names.Select(n => Untrusted.Printable(n)))}: nothing changed");
            return 0;
        }
        await context.Reply.StepAsync($"Unset {string.Join(", ", removed)}");
        return await release.RunAsync(app, () => env.Unset(app.Name, names), context, ct);
    }
}
