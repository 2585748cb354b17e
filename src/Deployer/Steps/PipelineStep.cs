namespace Nap.Deployer.Steps;

/// <summary>One step of an app's pipeline: its name, its commands run in order by one shell, how long it may take.</summary>
/// <param name="Line">Where app.json defines it, for the pusher.</param>
public sealed record PipelineStep(string Name, IReadOnlyList<string> Commands, TimeSpan Timeout, int Line)
{
    /// <summary>The shell script the step's container runs: the first failing command ends it, with its exit code.</summary>
    public string Script => string.Join('\n', ["set -e", .. Commands]);
}
