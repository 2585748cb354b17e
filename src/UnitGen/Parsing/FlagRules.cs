namespace Nap.UnitGen.Parsing;

/// <summary>Which flags each instruction takes, checked like buildkit's BFlags.</summary>
internal static class FlagRules
{
    private enum Kind { Bool, String, Strings }

    private static readonly Dictionary<string, Dictionary<string, Kind>> Allowed = new()
    {
        [InstructionNames.From] = new() { ["platform"] = Kind.String },
        [InstructionNames.Run] = new() { ["mount"] = Kind.Strings, ["network"] = Kind.String, ["security"] = Kind.String },
        [InstructionNames.Copy] = new()
        {
            ["from"] = Kind.String,
            ["chown"] = Kind.String,
            ["chmod"] = Kind.String,
            ["link"] = Kind.Bool,
            ["parents"] = Kind.Bool,
            ["exclude"] = Kind.Strings,
        },
        [InstructionNames.Add] = new()
        {
            ["chown"] = Kind.String,
            ["chmod"] = Kind.String,
            ["link"] = Kind.Bool,
            ["keep-git-dir"] = Kind.Bool,
            ["checksum"] = Kind.String,
            ["exclude"] = Kind.Strings,
            ["unpack"] = Kind.Bool,
        },
        [InstructionNames.Healthcheck] = new()
        {
            ["interval"] = Kind.String,
            ["timeout"] = Kind.String,
            ["start-period"] = Kind.String,
            ["start-interval"] = Kind.String,
            ["retries"] = Kind.String,
        },
    };

    public static IReadOnlyList<InstructionFlag> Parse(Instruction instruction, IReadOnlyList<string> words)
    {
        var allowed = Allowed.GetValueOrDefault(instruction.Name) ?? [];
        var flags = new List<InstructionFlag>();

        foreach (var word in words)
        {
            var body = word[2..];
            var equals = body.IndexOf('=');
            var name = equals < 0 ? body : body[..equals];
            var value = equals < 0 ? null : body[(equals + 1)..];

            if (!allowed.TryGetValue(name, out var kind))
                throw instruction.Error(UnknownFlag(name, allowed.Keys));
            if (kind != Kind.Strings && flags.Any(f => f.Name == name))
                throw instruction.Error($"--{name} is given twice; keep one");

            value = kind switch
            {
                Kind.Bool => BoolValue(instruction, name, value, equals >= 0),
                _ => value ?? throw instruction.Error($"--{name} needs a value: --{name}=VALUE"),
            };
            flags.Add(new InstructionFlag(name, value));
        }

        return flags;
    }

    private static string BoolValue(Instruction instruction, string name, string? value, bool hasEquals)
    {
        if (!hasEquals)
            return "true";
        return value?.ToLowerInvariant() switch
        {
            "true" => "true",
            "false" => "false",
            _ => throw instruction.Error($"--{name} takes true or false, not \"{value}\""),
        };
    }

    private static string UnknownFlag(string name, IEnumerable<string> allowed)
    {
        var known = allowed.Select(k => "--" + k).ToList();
        return known.Count == 0
            ? $"unknown flag --{name}; this instruction takes no flags"
            : $"unknown flag --{name}; it takes {string.Join(", ", known)}";
    }
}
