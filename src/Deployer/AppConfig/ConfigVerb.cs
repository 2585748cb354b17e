using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.AppConfig;

/// <summary>`config APP [--json]`: the app's environment, for the keys that may use the app.</summary>
public sealed class ConfigVerb(AppDoor door, AppEnvStore env) : AppVerb(door, waitsForLock: false)
{
    public override string Verb => "config";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var values = env.Read(app.Name);
        if (context.Json)
            return await context.Reply.JsonAsync<IReadOnlyDictionary<string, string>>(values.ToDictionary(kv => kv.Key, kv => kv.Value), ConfigJson.Default.IReadOnlyDictionaryStringString);
        foreach (var (name, value) in values)
            await context.Reply.OutAsync($"{name}={value}");
        return 0;
    }
}
