using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.AppConfig;

/// <summary>
/// `config:set APP K=V...`: all values checked before any is written, stored 0600, then a new release
/// of the current image picks them up through the health gate (<see cref="ConfigRelease"/>). Values are never echoed or logged.
/// </summary>
public sealed class ConfigSetVerb(AppDoor door, AppEnvStore env, ConfigRelease release) : AppVerb(door)
{
    public override string Verb => "config:set";

    static IReadOnlyList<(string? Name, string Value, string? Error)> Assignments(VerbContext context) =>
        [.. context.Args.Skip(1).Select(EnvVar.ParseAssignment)];

    protected override string? Refusal(VerbContext context) => Assignments(context) switch
    {
        [] => "usage: config:set APP NAME=VALUE...",
        var assignments => assignments.Select(a => a.Error).FirstOrDefault(e => e is not null),
    };

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var assignments = Assignments(context);
        await context.Reply.StepAsync($"Set {string.Join(", ", assignments.Select(a => a.Name))}");
        return await release.RunAsync(app, () => env.Set(app.Name, [.. assignments.Select(a => KeyValuePair.Create(a.Name!, a.Value))]), context, ct);
    }
}
