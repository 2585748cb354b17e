using System.CommandLine;
using Nap.Protocol;
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
            return Fail(stderr, $"unknown option '{Untrusted.Printable(unknown)}': run 'nap unitgen --help'");
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
            return UnitGenTranslation.Run(parsed, UnitGenInput.Find(paths[0]), stdout);
        }
        catch (Exception e) when (e is RenderException or FormatException or IOException or UnauthorizedAccessException)
        {
            return Fail(stderr, e.Message);
        }
        catch (Exception e)
        {
            // A bug of ours, not bad input: still one line, and a different exit code to tell them apart.
            stderr.WriteLine($"nap unitgen: internal error ({e.GetType().Name}): {OneLine(e.Message)}: please report it with the Dockerfile");
            return 70;
        }
    }

    // System.CommandLine's messages may span lines; the user gets one.
    static string OneLine(string message) => message.Split('\n')[0].Trim().TrimEnd('.');

    static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"nap unitgen: {message}");
        return 2;
    }
}
