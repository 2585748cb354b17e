using System.Globalization;
using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Instances;

/// <summary>`ps:scale APP N` (Dokku's `web=N` also reads): N instances of the current release behind the app's nginx upstream.</summary>
public sealed class ScaleVerb(AppDoor door, Scaler scaler) : AppVerb(door)
{
    public override string Verb => "ps:scale";

    protected override string? Refusal(VerbContext context) => Parse(context.Args).Error;

    protected override Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct) =>
        scaler.ScaleAsync(app, Parse(context.Args).Count, context.Reply, ct);

    static (int Count, string? Error) Parse(IReadOnlyList<string> args)
    {
        var usage = $"use ps:scale APP N with N from 0 to {Scaler.Max}";
        if (args.Count != 2)
            return (0, $"ps:scale needs an app and a number of instances: {usage}");
        var word = args[1].StartsWith("web=", StringComparison.Ordinal) ? args[1][4..] : args[1];
        if (word.Length is 0 or > 9 || !word.All(char.IsAsciiDigit))
            return (0, $"'{Untrusted.Printable(args[1])}' is not a number of instances: {usage}");
        var count = int.Parse(word, CultureInfo.InvariantCulture);
        return count > Scaler.Max
            ? (0, $"{count} instances is more than an app may run (at most {Scaler.Max}): {usage}")
            : (count, null);
    }
}
