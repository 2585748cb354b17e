using System.Text.Json;
using Nap.Deployer.Repos;
using Nap.Deployer.Settings;
using Nap.Protocol;

namespace Nap.Deployer.Steps;

/// <summary>
/// Reads and checks the pushed app.json before anything is built. Only what nap runs is checked (`scripts.predeploy`,
/// `scripts.postdeploy`, `steps`, `uses`); Heroku's other keys (name, env, addons, ...) are left alone, as Dokku does.
/// Each refusal names the line and the JSON path: `app.json:7: $.steps[1].timeout: ...`. The file is a tenant's:
/// its size, its steps, their commands and timeouts are bounded by napd.json's limits.
/// </summary>
public static class AppManifestReader
{
    const int MaxDepth = 16;
    const int MaxProblems = 5;

    /// <summary>The app.json at the top of <paramref name="tree"/>, or <see cref="AppManifest.None"/> without one.</summary>
    /// <exception cref="AppManifestException">refused; the message says where and why.</exception>
    public static AppManifest Read(string tree, TenantLimits limits)
    {
        string? text;
        try
        {
            text = SourceFiles.ReadText(tree, AppManifest.FileName, limits.AppJsonBytes, "appJsonKilobytes");
        }
        catch (InvalidDataException e)
        {
            throw new AppManifestException(e.Message);
        }
        return text is null ? AppManifest.None : Parse(text, limits);
    }

    public static AppManifest Parse(string text, TenantLimits limits)
    {
        var root = LocatedJson.Parse(LocatedJson.Bytes(text), AppManifest.FileName, MaxDepth);
        var check = new Check(limits);
        var manifest = check.Manifest(root);
        if (check.Problems.Count > 0)
            throw new AppManifestException(string.Join("; ", check.Problems.Take(MaxProblems))
                + (check.Problems.Count > MaxProblems ? $" (and {check.Problems.Count - MaxProblems} more)" : ""));
        return manifest;
    }

    /// <summary>The schema, by hand (see docs/DESIGN.md, "Pipeline steps", for why not JsonSchema.Net), collecting every problem.</summary>
    sealed class Check(TenantLimits limits)
    {
        public List<string> Problems { get; } = [];

        void Problem(LocatedJson at, string path, string what) =>
            Problems.Add($"{AppManifest.FileName}:{at.Line}: {Untrusted.Printable(path)}: {what}");

        public AppManifest Manifest(LocatedJson root)
        {
            if (root.Kind != JsonTokenType.StartObject)
            {
                Problem(root, "$", "must be an object, such as {\"steps\": [...]}");
                return AppManifest.None;
            }
            if (root["uses"] is { } uses)
                Problem(uses, "$.uses", "stored pipelines are not available on this host: put the steps in \"steps\"");
            var steps = new List<PipelineStep>();
            if (root["steps"] is { } list)
                steps.AddRange(Steps(list));
            PipelineStep? post = null;
            if (root["scripts"] is { } scripts)
            {
                if (scripts.Kind != JsonTokenType.StartObject)
                    Problem(scripts, "$.scripts", "must be an object, such as {\"predeploy\": \"COMMAND\"}");
                else
                {
                    if (Script(scripts, StepName.Predeploy) is { } pre)
                        steps.Add(pre);
                    post = Script(scripts, StepName.Postdeploy);
                }
            }
            if (steps.Count + (post is null ? 0 : 1) > limits.StepsPerApp)
                Problem(root, "$", $"runs {steps.Count + (post is null ? 0 : 1)} steps, more than this host takes ({limits.StepsPerApp}, {TenantLimits.Name("stepsPerApp")})");
            return new(steps, post);
        }

        IEnumerable<PipelineStep> Steps(LocatedJson list)
        {
            if (list.Kind != JsonTokenType.StartArray)
            {
                Problem(list, "$.steps", "must be a list, such as [{\"step\": \"test\", \"commands\": [\"make test\"]}]");
                yield break;
            }
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < list.Items.Count; i++)
                if (Step(list.Items[i], $"$.steps[{i}]") is { } step)
                {
                    if (!names.Add(step.Name))
                        Problem(list.Items[i], $"$.steps[{i}].step", $"\"{step.Name}\" names an earlier step too: give each step its own name");
                    yield return step;
                }
        }

        PipelineStep? Step(LocatedJson item, string path)
        {
            if (item.Kind != JsonTokenType.StartObject)
            {
                Problem(item, path, "must be an object: {\"step\": NAME, \"commands\": [...], \"timeout\": \"10m\"}");
                return null;
            }
            var known = new[] { "step", "commands", "timeout" };
            foreach (var (name, value) in item.Properties.Where(p => !known.Contains(p.Name)))
                Problem(value, $"{path}.{name}", "is not a key of a step: use step, commands and timeout");
            var stepName = Name(item, path);
            var commands = Commands(item["commands"], item, $"{path}.commands");
            var timeout = Timeout(item["timeout"], $"{path}.timeout");
            return stepName is null || commands is null || timeout is null ? null : new(stepName, commands, timeout.Value, item.Line);
        }

        string? Name(LocatedJson item, string path)
        {
            if (item["step"] is not { } name)
            {
                Problem(item, path, "has no \"step\": name it, such as \"test\"");
                return null;
            }
            if (name.Kind != JsonTokenType.String || !StepName.IsValid(name.String!))
            {
                Problem(name, $"{path}.step", $"must be a name of letters, digits, '.', '_' and '-', at most {StepName.MaxLength} characters, starting with a letter or digit");
                return null;
            }
            if (name.String is StepName.Predeploy or StepName.Postdeploy)
            {
                Problem(name, $"{path}.step", $"\"{name.String}\" is the name of scripts.{name.String}: give this step another name");
                return null;
            }
            return name.String;
        }

        IReadOnlyList<string>? Commands(LocatedJson? list, LocatedJson item, string path)
        {
            if (list is null)
            {
                Problem(item, path[..^".commands".Length], "has no \"commands\": list the shell commands it runs");
                return null;
            }
            if (list.Kind != JsonTokenType.StartArray || list.Items.Count == 0)
            {
                Problem(list, path, "must be a list of one or more commands, such as [\"make test\"]");
                return null;
            }
            if (list.Items.Count > limits.CommandsPerStep)
            {
                Problem(list, path, $"has {list.Items.Count} commands, more than this host takes ({limits.CommandsPerStep}, {TenantLimits.Name("commandsPerStep")})");
                return null;
            }
            var bad = list.Items.Select((c, i) => (c, i)).Where(x => !IsCommand(x.c)).ToArray();
            foreach (var (command, i) in bad)
                Problem(command, $"{path}[{i}]", "must be a command: a string that is not empty and holds no NUL");
            return bad.Length > 0 ? null : [.. list.Items.Select(c => c.String!)];
        }

        TimeSpan? Timeout(LocatedJson? value, string path)
        {
            if (value is null)
                return StepTimeout.Unstated(limits.StepMinutes);
            if (value.Kind != JsonTokenType.String)
            {
                Problem(value, path, "must be a string such as \"10m\"");
                return null;
            }
            if (StepTimeout.Parse(value.String!, limits.StepMinutes, out var problem) is { } timeout)
                return timeout;
            Problem(value, path, $"\"{Untrusted.Printable(value.String!)}\" {problem}");
            return null;
        }

        /// <summary>Heroku's `"predeploy": "COMMAND"`, or its longer form `{"command": "COMMAND"}`.</summary>
        PipelineStep? Script(LocatedJson scripts, string name)
        {
            if (scripts[name] is not { } value)
                return null;
            var command = value.Kind == JsonTokenType.StartObject ? value["command"] : value;
            if (command is null || !IsCommand(command))
            {
                Problem(value, $"$.scripts.{name}", "must be a command, such as \"./migrate\" (or {\"command\": \"./migrate\"})");
                return null;
            }
            return new(name, [command.String!], StepTimeout.Unstated(limits.StepMinutes), value.Line);
        }

        static bool IsCommand(LocatedJson value) =>
            value.Kind == JsonTokenType.String && value.String!.Trim().Length > 0 && !value.String.Contains('\0');
    }
}
