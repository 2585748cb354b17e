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
public static partial class AppManifestReader
{
    const int MaxDepth = 16;
    const int MaxProblems = 5;

    /// <summary>The app.json at the top of <paramref name="tree"/>, or <see cref="AppManifest.None"/> without one.</summary>
    /// <exception cref="AppManifestException">refused; the message says where and why.</exception>
    /// <param name="stored">The host's stored pipelines by name (`steps:set`), for `uses`; null where there are none.</param>
    public static AppManifest Read(string tree, TenantLimits limits, Func<string, IReadOnlyList<PipelineStep>?>? stored = null)
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
        return text is null ? AppManifest.None : Parse(text, limits, stored);
    }

    public static AppManifest Parse(string text, TenantLimits limits, Func<string, IReadOnlyList<PipelineStep>?>? stored = null)
    {
        var root = LocatedJson.Parse(LocatedJson.Bytes(text), AppManifest.FileName, MaxDepth);
        var check = new Check(limits, AppManifest.FileName, stored);
        return check.Done(check.Manifest(root));
    }

    /// <summary>
    /// A stored pipeline (`steps:set NAME &lt; pipe.json`): a list of steps as in app.json's `steps`, checked the same
    /// way, its refusals naming pipe.json's lines.
    /// </summary>
    public static IReadOnlyList<PipelineStep> ParsePipeline(string text, TenantLimits limits)
    {
        var root = LocatedJson.Parse(LocatedJson.Bytes(text), PipelineFile, MaxDepth);
        var check = new Check(limits, PipelineFile, null);
        var steps = check.Steps(root, "$", []).ToArray();
        if (steps.Length > limits.StepsPerApp)
            check.Problem(root, "$", $"holds {steps.Length} steps, more than this host takes ({limits.StepsPerApp}, {TenantLimits.Name("stepsPerApp")})");
        return check.Done(steps);
    }

    public const string PipelineFile = "pipe.json";

    /// <summary>The schema, by hand (see docs/DESIGN.md, "Pipeline steps", for why not JsonSchema.Net), collecting every problem.</summary>
    sealed partial class Check(TenantLimits limits, string file, Func<string, IReadOnlyList<PipelineStep>?>? stored)
    {
        public List<string> Problems { get; } = [];

        public void Problem(LocatedJson at, string path, string what) =>
            Problems.Add($"{file}:{at.Line}: {Untrusted.Printable(path)}: {what}");

        /// <summary><paramref name="result"/>, or every problem found in one line.</summary>
        public T Done<T>(T result) =>
            Problems.Count == 0 ? result
            : throw new AppManifestException(string.Join("; ", Problems.Take(MaxProblems))
                + (Problems.Count > MaxProblems ? $" (and {Problems.Count - MaxProblems} more)" : ""));

        public AppManifest Manifest(LocatedJson root)
        {
            if (root.Kind != JsonTokenType.StartObject)
            {
                Problem(root, "$", "must be an object, such as {\"steps\": [...]}");
                return AppManifest.None;
            }
            // The stored pipelines first, in the order named, then the app's own steps.
            var steps = new List<PipelineStep>();
            if (root["uses"] is { } uses)
                steps.AddRange(Uses(uses));
            if (root["steps"] is { } list)
                steps.AddRange(Steps(list, "$.steps", [.. steps.Select(s => s.Name)]));
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
            return new(steps, post) { Checks = root["healthchecks"] is { } checks ? HealthChecks(checks) : [] };
        }

        /// <param name="earlier">Names taken already (the stored pipelines' steps).</param>
        public IEnumerable<PipelineStep> Steps(LocatedJson list, string path, HashSet<string> earlier)
        {
            if (list.Kind != JsonTokenType.StartArray)
            {
                Problem(list, path, "must be a list, such as [{\"step\": \"test\", \"commands\": [\"make test\"]}]");
                yield break;
            }
            for (var i = 0; i < list.Items.Count; i++)
                if (Step(list.Items[i], $"{path}[{i}]") is { } step)
                {
                    if (!earlier.Add(step.Name))
                        Problem(list.Items[i], $"{path}[{i}].step", $"\"{step.Name}\" names an earlier step too (its own or a used pipeline's): give each step its own name");
                    yield return step;
                }
        }

        /// <summary>`"uses": ["NAME", ...]`: the host's stored pipelines (`steps:set`), each named once.</summary>
        IEnumerable<PipelineStep> Uses(LocatedJson uses)
        {
            if (uses.Kind != JsonTokenType.StartArray)
            {
                Problem(uses, "$.uses", "must be a list of stored pipelines' names, such as [\"checks\"]");
                yield break;
            }
            var names = new HashSet<string>(StringComparer.Ordinal);
            var taken = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < uses.Items.Count; i++)
            {
                var item = uses.Items[i];
                var path = $"$.uses[{i}]";
                if (item.Kind != JsonTokenType.String || !StepName.IsValid(item.String!))
                {
                    Problem(item, path, $"must be a stored pipeline's name (letters, digits, '.', '_' and '-', at most {StepName.MaxLength} characters)");
                    continue;
                }
                if (!names.Add(item.String!))
                {
                    Problem(item, path, $"\"{item.String}\" is named twice: name each pipeline once");
                    continue;
                }
                IReadOnlyList<PipelineStep>? pipeline;
                try
                {
                    pipeline = stored?.Invoke(item.String!);
                }
                catch (AppManifestException e)
                {
                    Problem(item, path, $"the stored pipeline \"{item.String}\" no longer passes this host's checks ({e.Message}): an admin sets it again with steps:set");
                    continue;
                }
                if (pipeline is null)
                {
                    Problem(item, path, $"there is no stored pipeline \"{item.String}\" on this host: ssh nap@HOST steps lists them");
                    continue;
                }
                foreach (var step in pipeline)
                {
                    if (!taken.Add(step.Name))
                        Problem(item, path, $"its step \"{step.Name}\" has the name of a step of an earlier pipeline in uses: use pipelines whose steps are named apart");
                    yield return step;
                }
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
