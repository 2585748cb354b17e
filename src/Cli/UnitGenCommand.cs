using System.CommandLine;
using Nap.UnitGen;
using Nap.UnitGen.Rendering;

namespace Nap.Cli;

/// <summary>`nap unitgen`: the sysadmin's view of what napd writes for an app.</summary>
static class UnitGenCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        Task.FromResult(Run(args, stdout, stderr));

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = UnitGenSyntax.Root.Parse(["unitgen", .. args]);
        if (parsed.GetResult(UnitGenSyntax.Help) is not null)
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        var paths = parsed.GetValue(UnitGenSyntax.Paths) ?? [];
        if (paths.FirstOrDefault(p => p.StartsWith('-')) is { } unknown)
            return Fail(stderr, $"unknown option '{Nap.Protocol.AppName.Printable(unknown)}': run 'nap unitgen --help'");
        if (parsed.Errors.Count > 0)
            return Fail(stderr, $"{OneLine(parsed.Errors[0].Message)}: run 'nap unitgen --help'");
        if (paths.Length == 0)
            return Fail(stderr, "give the Dockerfile to translate, or its directory: run 'nap unitgen --help'");
        try
        {
            if (parsed.GetValue(UnitGenSyntax.Bench) is > 0 and var rounds)
                return UnitGenBench.Run(paths, rounds, stdout);
            if (paths.Length > 1)
                return Fail(stderr, "give one Dockerfile or directory: run 'nap unitgen --help'");
            return Translate(parsed, UnitGenInput.Find(paths[0]), stdout);
        }
        catch (Exception e) when (e is RenderException or FormatException or IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, e.Message);
        }
    }

    static int Translate(ParseResult parsed, UnitGenInput input, TextWriter stdout)
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
            Created = Created(),
        };
        if (parsed.GetValue(UnitGenSyntax.App) is null && !IsDnsLabel(options.App))
            throw new RenderException($"the directory name '{Nap.Protocol.AppName.Printable(options.App)}' is not a valid app name: pass --app NAME (lowercase letters, digits and '-')");
        var units = UnitRenderer.Render(image, options);
        if (parsed.GetValue(UnitGenSyntax.Out) is { } outDir)
            UnitGenOutput.Write(units, outDir, stdout);
        else
            UnitGenOutput.Print(units, stdout);
        return 0;
    }

    static Nap.UnitGen.Model.ImageConfig ParseDockerfile(ParseResult parsed, UnitGenInput input)
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

    // System.CommandLine's messages may span lines; the user gets one.
    static string OneLine(string message) => message.Split('\n')[0].Trim().TrimEnd('.');

    static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"nap unitgen: {message}");
        return 2;
    }
}
