namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>
/// The values RUN --network, --security and --mount accept. Docker also takes --network=host and
/// --security=insecure (given the engine's entitlements); nap never builds with them: a pushed step would reach
/// the host's own network (its loopback services, every app's release port) or run with the host's privileges.
/// </summary>
internal static class RunFlags
{
    private static readonly HashSet<string> Networks = ["default", "none"];
    private static readonly HashSet<string> MountTypes = ["bind", "cache", "tmpfs", "secret", "ssh"];

    public static void Check(Instruction run)
    {
        foreach (var flag in run.Flags)
        {
            var value = flag.Value ?? "";
            switch (flag.Name)
            {
                case "network" when value == "host":
                    throw run.Error("--network=host would give this step the host's network (its local services, every app's release port); nap builds with --network=default or none only: remove the flag");
                case "network" when !Networks.Contains(value):
                    throw run.Error($"--network=\"{value}\" is not one of default, none");
                case "security" when value == "insecure":
                    throw run.Error("--security=insecure would run this step with the host's privileges; nap builds every step in the sandbox: remove the flag");
                case "security" when value != "sandbox":
                    throw run.Error($"--security=\"{value}\" is not sandbox, the one mode nap builds with");
                case "mount":
                    var type = MountType(value);
                    if (!MountTypes.Contains(type))
                        throw run.Error($"--mount type \"{type}\" is not one of bind, cache, tmpfs, secret, ssh");
                    break;
            }
        }
    }

    // --mount is comma-separated key=value; type defaults to bind.
    private static string MountType(string value)
    {
        foreach (var field in value.Split(','))
        {
            var parts = field.Split('=', 2);
            if (parts[0].Trim().Equals("type", StringComparison.OrdinalIgnoreCase))
                return parts.Length == 2 ? parts[1].Trim().ToLowerInvariant() : "";
        }
        return "bind";
    }
}
