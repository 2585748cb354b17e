using System.Text.Json;
using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.AppConfig;

/// <summary>`config APP [--json]`: the app's environment, for the keys that may use the app.</summary>
public sealed class ConfigVerb(AppDoor door, AppEnvStore env) : IVerbHandler
{
    public string Verb => "config";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        if (await door.ReadAsync(context, ct) is not { } app)
            return 1;
        var values = env.Read(app.Name);
        if (context.Json)
        {
            IReadOnlyDictionary<string, string> map = values.ToDictionary(kv => kv.Key, kv => kv.Value);
            await context.Reply.OutAsync(JsonSerializer.Serialize(map, ConfigJson.Default.IReadOnlyDictionaryStringString));
            return 0;
        }
        foreach (var (name, value) in values)
            await context.Reply.OutAsync($"{name}={value}");
        return 0;
    }
}
