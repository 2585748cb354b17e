using System.CommandLine;
using Nap.Protocol;
using Nap.UnitGen.Model;
using Nap.UnitGen.Rendering;
using Nap.UnitGen;

namespace Nap.Cli;

/// <summary>One Dockerfile to units, with the options napd would decide given on the command line.</summary>
static class UnitGenTranslation
{
    public static int Run(ParseResult parsed, UnitGenInput input, TextWriter stdout)
    {
        var image = ParseDockerfile(parsed, input);
        var options = new UnitOptions
        {
            App = parsed.GetValue(UnitGenSyntax.App) ?? input.DefaultApp,
            Revision = parsed.GetValue(UnitGenSyntax.Revision)!,
            ContextDir = input.ContextDir,
            Dockerfile = input.IsNamedDockerfile ? null : input.DockerfilePath,
            Flavor = parsed.GetValue(UnitGenSyntax.Flavor),
            Publish = [.. (parsed.GetValue(UnitGenSyntax.Publish) ?? []).Select(UnitGenPublish.Parse)],
            MachineMetadata = parsed.GetValue(UnitGenSyntax.MachineMetadata) ?? [],
            EnvFile = parsed.GetValue(UnitGenSyntax.EnvFile),
            Template = parsed.GetValue(UnitGenSyntax.Template),
            Image = parsed.GetValue(UnitGenSyntax.Image),
            Replicas = parsed.GetValue(UnitGenSyntax.Replicas),
            Constraints = parsed.GetValue(UnitGenSyntax.Constraint) ?? [],
            Created = Created(),
        };
        if (parsed.GetValue(UnitGenSyntax.App) is null && !IsDnsLabel(options.App))
            throw new RenderException($"the directory name '{Untrusted.Printable(options.App)}' is not a valid app name: pass --app NAME (lowercase letters, digits and '-')");
        if (options.Flavor == UnitFlavor.Swarm)
            return Swarm(parsed, image, options, stdout);
        if (SwarmOnly(parsed) is { } option)
            throw new RenderException($"{option} is for the swarm flavor: add --flavor swarm");
        var units = UnitRenderer.Render(image, options);
        if (parsed.GetValue(UnitGenSyntax.Out) is { } outDir)
            UnitGenOutput.Write(units, outDir, stdout);
        else
            UnitGenOutput.Print(units, stdout);
        return 0;
    }

    /// <summary>One release's service as the docker service create a sysadmin can run, notes as comments.</summary>
    static int Swarm(ParseResult parsed, ImageConfig image, UnitOptions options, TextWriter stdout)
    {
        if (parsed.GetResult(UnitGenSyntax.Out) is not null)
            throw new RenderException("--out writes unit files; the swarm flavor prints a command: redirect it instead");
        if (options.Template)
            throw new RenderException("--template renders a systemd template; the swarm flavor has none: leave it out");
        stdout.Write(SwarmCommand.Script(UnitRenderer.RenderSwarm(image, options)));
        return 0;
    }

    static string? SwarmOnly(ParseResult parsed) =>
        parsed.GetResult(UnitGenSyntax.Replicas) is { Implicit: false } ? "--replicas"
        : parsed.GetResult(UnitGenSyntax.Constraint) is not null ? "--constraint"
        : null;

    static ImageConfig ParseDockerfile(ParseResult parsed, UnitGenInput input)
    {
        var buildArgs = new Dictionary<string, string>();
        foreach (var pair in parsed.GetValue(UnitGenSyntax.BuildArgs) ?? [])
            buildArgs[pair.Split('=', 2)[0]] = pair.Contains('=') ? pair.Split('=', 2)[1] : Environment.GetEnvironmentVariable(pair) ?? "";
        try
        {
            return Dockerfile.Parse(File.ReadAllText(input.DockerfilePath), buildArgs);
        }
        catch (DockerfileException e)
        {
            throw new FormatException(input.Locate(e.Message));
        }
    }

    static bool IsDnsLabel(string name) =>
        name.Length is > 0 and <= 63 && char.IsAsciiLetterLower(name[0]) && !name.EndsWith('-') && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>SOURCE_DATE_EPOCH makes the created label reproducible, as for any build.</summary>
    static DateTimeOffset Created() =>
        long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : DateTimeOffset.UtcNow;
}
