using System.Text.Json;

namespace Nap.Deployer.Settings;

public static partial class NapdConfigReader
{
    static TenantLimits Limits(JsonElement value, string file)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new ConfigException($"{file}: '{TenantLimits.Setting}' must be an object such as {{ \"appsPerKey\": 50 }}");
        var limits = new TenantLimits();
        foreach (var property in value.EnumerateObject())
        {
            ConfigException Bad(string why) => new($"{file}: '{TenantLimits.Setting}.{property.Name}' {why}");
            var n = property.Value;
            limits = property.Name switch
            {
                "appsPerKey" => limits with { AppsPerKey = Number(n, 1, 100_000, Bad) },
                "checkoutFiles" => limits with { CheckoutFiles = Number(n, 1, 10_000_000, Bad) },
                "checkoutMegabytes" => limits with { CheckoutBytes = (long)Number(n, 1, 1_000_000, Bad) << 20 },
                "pushMegabytes" => limits with { PushBytes = (long)Number(n, 1, 1_000_000, Bad) << 20 },
                "dockerfileKilobytes" => limits with { DockerfileBytes = (long)Number(n, 1, 100_000, Bad) << 10 },
                "connectionsPerKey" => limits with { ConnectionsPerKey = Number(n, 1, 10_000, Bad) },
                "logFollowersPerKey" => limits with { LogFollowersPerKey = Number(n, 0, 10_000, Bad) },
                "requestBodyMegabytes" => limits with { RequestBodyMegabytes = Number(n, 1, 10_240, Bad) },
                "pidsPerContainer" => limits with { PidsPerContainer = Number(n, 16, 4_000_000, Bad) },
                "memoryMegabytes" => limits with { MemoryMegabytes = MegabytesOrNone(n, 6, 16 << 20, Bad) },
                "memoryMaxMegabytes" => limits with { MemoryMaxMegabytes = MegabytesOrNone(n, 6, 16 << 20, Bad) },
                "buildTasks" => limits with { BuildTasks = Number(n, 64, 4_000_000, Bad) },
                // The build unit holds buildx too (about 40 MB resident) besides the steps.
                "buildMemoryMegabytes" => limits with { BuildMemoryMegabytes = MegabytesOrNone(n, 128, 16 << 20, Bad) },
                "diskFreeMegabytes" => limits with { DiskFreeMegabytes = Number(n, 0, 100_000_000, Bad) },
                "appJsonKilobytes" => limits with { AppJsonBytes = (long)Number(n, 1, 10_000, Bad) << 10 },
                "stepsPerApp" => limits with { StepsPerApp = Number(n, 0, 1_000, Bad) },
                "commandsPerStep" => limits with { CommandsPerStep = Number(n, 1, 1_000, Bad) },
                "stepMinutes" => limits with { StepMinutes = Number(n, 1, 24 * 60, Bad) },
                "healthCheckSeconds" => limits with { HealthCheckSeconds = Number(n, 1, 24 * 3600, Bad) },
                _ => throw Bad("is not a limit napd knows (appsPerKey, checkoutFiles, checkoutMegabytes, pushMegabytes, dockerfileKilobytes, connectionsPerKey, logFollowersPerKey, pidsPerContainer, memoryMegabytes, memoryMaxMegabytes, buildTasks, buildMemoryMegabytes, diskFreeMegabytes, requestBodyMegabytes, appJsonKilobytes, stepsPerApp, commandsPerStep, stepMinutes, healthCheckSeconds)"),
            };
        }
        if (limits.MemoryMaxMegabytes != 0 && (limits.MemoryMegabytes == 0 || limits.MemoryMegabytes > limits.MemoryMaxMegabytes))
            throw new ConfigException($"{file}: '{TenantLimits.Setting}.memoryMegabytes' ({limits.MemoryMegabytes}) must be from 6 to memoryMaxMegabytes ({limits.MemoryMaxMegabytes}): raise memoryMaxMegabytes, or set it to 0 for no ceiling");
        return limits;
    }

    /// <summary>A size in megabytes from min to max, or 0 for none (docker's minimum is 6 MiB).</summary>
    static int MegabytesOrNone(JsonElement n, int min, int max, Func<string, ConfigException> bad) =>
        n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var zero) && zero == 0 ? 0 : Number(n, min, max, _ => bad($"must be 0 (none) or a whole number from {min} to {max}"));

    /// <summary>"hooks": { "privateForges": false }.</summary>
    static bool PrivateForges(JsonElement value, string file)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new ConfigException($"{file}: 'hooks' must be an object such as {{ \"privateForges\": true }}");
        var allowed = false;
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name != "privateForges")
                throw new ConfigException($"{file}: 'hooks.{property.Name}' is not a setting napd knows (privateForges)");
            allowed = property.Value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new ConfigException($"{file}: 'hooks.privateForges' must be true or false"),
            };
        }
        return allowed;
    }
}
