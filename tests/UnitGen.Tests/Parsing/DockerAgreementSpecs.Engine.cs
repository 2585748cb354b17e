using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Nap.UnitGen.Parsing;

namespace Nap.UnitGen.Tests.Parsing;

public partial class DockerAgreementSpecs
{
    // Keep the config instructions; every external base becomes scratch so nothing is pulled.
    private static string Reduce(string text)
    {
        var document = DockerfileParser.Parse(text);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var output = new StringBuilder(string.Concat(document.Directives.Select(d => $"# {d.Name}={d.Value}\n")));

        foreach (var instruction in document.Instructions)
        {
            if (instruction.Name is InstructionNames.Run or InstructionNames.Copy or InstructionNames.Add)
                continue;
            if (instruction.Name == InstructionNames.From)
            {
                var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var base_ = stages.Contains(words[0]) ? words[0] : "scratch";
                if (words.Length == 3)
                    stages.Add(words[2]);
                output.Append($"FROM {base_}{(words.Length == 3 ? " AS " + words[2] : "")}\n");
                continue;
            }
            output.Append(string.Join('\n', lines[(instruction.Line - 1)..instruction.EndLine])).Append('\n');
        }
        return output.ToString();
    }

    private static JsonElement BuildAndInspect(string name, string dockerfile)
    {
        var tag = ImageTag(name);
        var refusal = Build(tag, dockerfile);
        Assert.True(refusal is null, $"docker build failed: {refusal}\n{dockerfile}");
        var json = Run(["image", "inspect", "--format", "{{json .Config}}", tag], dockerfile);
        Run(["image", "rm", "-f", tag], dockerfile);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    // Other worktrees run these specs against the same engine: the process id keeps their images apart.
    private static string ImageTag(string name) => $"nap-parser-agree/{name}:{Environment.ProcessId}";

    /// <summary>Builds the Dockerfile in a context of its own: docker's complaint, or null when it built the image.</summary>
    private static string? Build(string tag, string dockerfile)
    {
        var context = Directory.CreateTempSubdirectory("nap-agree-");
        try
        {
            File.WriteAllText(Path.Combine(context.FullName, "Dockerfile"), dockerfile);
            var (exitCode, _, stderr) = Docker(["build", "-q", "-t", tag, context.FullName]);
            return exitCode == 0 ? null : stderr;
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }

    private static string Run(IReadOnlyList<string> args, string dockerfile)
    {
        var (exitCode, stdout, stderr) = Docker(args);
        Assert.True(exitCode == 0, $"docker {string.Join(' ', args)} failed: {stderr}\n{dockerfile}");
        return stdout;
    }

    private static (int ExitCode, string Stdout, string Stderr) Docker(IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["DOCKER_BUILDKIT"] = "0";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }

    private static IReadOnlyList<string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString()!).ToList()
            : [];

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static IEnumerable<string> Keys(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().Select(p => p.Name).ToList()
            : [];

    private static IEnumerable<string> Map(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").ToList()
            : [];
}
