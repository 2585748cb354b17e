using System.Globalization;
using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.AppConfig;

/// <summary>`config:secret APP NAME [--length N]`: NAME becomes a generated password, then the app restarts through the health gate.</summary>
public sealed class ConfigSecretVerb(AppDoor door, AppEnvStore env, ConfigRelease release) : IVerbHandler
{
    public string Verb => "config:secret";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        var args = context.Args;
        var length = 16;
        var usage = args.Count == 2
            || (args.Count == 4 && args[2] == "--length" && int.TryParse(args[3], NumberStyles.None, CultureInfo.InvariantCulture, out length) && length is >= 8 and <= 256)
                ? EnvVar.ValidateName(args[1])
                : "usage: config:secret APP NAME [--length 8..256]";
        if (usage is not null)
        {
            await context.Reply.ErrAsync(usage);
            return 1;
        }

        using var locked = await door.OpenAsync(context, ct);
        if (locked is null)
            return 1;
        await context.Reply.StepAsync($"Set {args[1]} to a generated {length}-character password (read it with: config {locked.App.Name})");
        return await release.RunAsync(locked.App, () => env.Set(locked.App.Name, [KeyValuePair.Create(args[1], Password.Generate(length))]), context, ct);
    }
}
