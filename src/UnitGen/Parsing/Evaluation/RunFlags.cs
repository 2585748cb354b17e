namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>The values RUN --network, --security and --mount accept.</summary>
internal static class RunFlags
{
    private static readonly HashSet<string> Networks = ["default", "none", "host"];
    private static readonly HashSet<string> Securities = ["sandbox", "insecure"];
    private static readonly HashSet<string> MountTypes = ["bind", "cache", "tmpfs", "secret", "ssh"];

    public static void Check(Instruction run)
    {
        foreach (var flag in run.Flags)
        {
            var value = flag.Value ?? "";
            switch (flag.Name)
            {
                case "network" when !Networks.Contains(value):
                    throw run.Error($"--network=\"{value}\" is not one of default, none, host");
                case "security" when !Securities.Contains(value):
                    throw run.Error($"--security=\"{value}\" is not one of sandbox, insecure");
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
