using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.AppConfig;

/// <summary>
/// `config:set APP K=V...`: all values checked before any is written, stored 0600, then a new release
/// of the current image picks them up through the health gate (<see cref="ConfigRelease"/>). Values are never echoed or logged.
/// </summary>
public sealed class ConfigSetVerb(AppDoor door, AppEnvStore env, ConfigRelease release) : IVerbHandler
{
    public string Verb => "config:set";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        var assignments = context.Args.Skip(1).Select(EnvVar.ParseAssignment).ToArray();
        var error = assignments.Length == 0 ? "usage: config:set APP NAME=VALUE..." : assignments.Select(a => a.Error).FirstOrDefault(e => e is not null);
        if (error is not null)
        {
            await context.Reply.ErrAsync(error);
            return 1;
        }

        using var locked = await door.OpenAsync(context, ct);
        if (locked is null)
            return 1;
        await context.Reply.StepAsync($"Set {string.Join(", ", assignments.Select(a => a.Name))}");
        return await release.RunAsync(locked.App, () => env.Set(locked.App.Name, assignments.Select(a => KeyValuePair.Create(a.Name!, a.Value)).ToArray()), context, ct);
    }
}
