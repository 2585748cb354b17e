using Nap.Deployer.Settings;
using Nap.Deployer.Unix;
using Nap.Protocol;

namespace Nap.Deployer.Steps;

/// <summary>
/// The host's stored pipelines (`steps:set NAME &lt; pipe.json`, admin keys): /var/lib/nap/pipelines/NAME.json, root
/// 0600, the text as sent once it passed <see cref="AppManifestReader.ParsePipeline"/>. A push that `uses` one reads it
/// then, checked again against the limits of that day.
/// </summary>
public sealed class PipelineStore(NapPaths paths, NapdConfig config)
{
    string FileOf(string name) =>
        StepName.IsValid(name) ? Path.Combine(paths.PipelinesDir, name + ".json") : throw new ArgumentException($"not a pipeline name: {name}", nameof(name));

    /// <summary>The names, sorted.</summary>
    public IReadOnlyList<string> Names() =>
        Directory.Exists(paths.PipelinesDir)
            ? [.. Directory.EnumerateFiles(paths.PipelinesDir, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Where(StepName.IsValid).Order(StringComparer.Ordinal)]
            : [];

    public string? ReadText(string name) => File.Exists(FileOf(name)) ? File.ReadAllText(FileOf(name)) : null;

    /// <summary>The stored pipeline's steps, or null when there is none of that name.</summary>
    /// <exception cref="AppManifestException">it no longer passes (napd.json's limits were lowered since).</exception>
    public IReadOnlyList<PipelineStep>? Find(string name) =>
        ReadText(name) is { } text ? AppManifestReader.ParsePipeline(text, config.Limits) : null;

    /// <summary>Checks and stores <paramref name="text"/>; the steps it holds.</summary>
    /// <exception cref="AppManifestException">refused, naming pipe.json's line and path.</exception>
    public IReadOnlyList<PipelineStep> Save(string name, string text)
    {
        var steps = AppManifestReader.ParsePipeline(text, config.Limits);
        Directory.CreateDirectory(paths.PipelinesDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        PrivateFile.Write(FileOf(name), text);
        return steps;
    }

    /// <returns>Whether there was one.</returns>
    public bool Remove(string name)
    {
        var file = FileOf(name);
        if (!File.Exists(file))
            return false;
        File.Delete(file);
        return true;
    }
}
