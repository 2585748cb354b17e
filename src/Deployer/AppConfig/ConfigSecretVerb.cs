using System.Globalization;
using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.AppConfig;

/// <summary>`config:secret APP NAME [--length N]`: NAME becomes a generated password, then the app restarts through the health gate.</summary>
public sealed class ConfigSecretVerb(AppDoor door, AppEnvStore env, ConfigRelease release) : AppVerb(door)
{
    public override string Verb => "config:secret";

    static int? Length(IReadOnlyList<string> args) => args switch
    {
        [_, _] => 16,
        [_, _, "--length", var n] when int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length is >= 8 and <= 256 => length,
        _ => null,
    };

    protected override string? Refusal(VerbContext context) =>
        Length(context.Args) is null ? "usage: config:secret APP NAME [--length 8..256]" : EnvVar.ValidateName(context.Args[1]);

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var (name, length) = (context.Args[1], Length(context.Args)!.Value);
        await context.Reply.StepAsync($"Set {name} to a generated {length}-character password (read it with: config {app.Name})");
        return await release.RunAsync(app, () => env.Set(app.Name, [KeyValuePair.Create(name, Password.Generate(length))]), context, ct);
    }
}
