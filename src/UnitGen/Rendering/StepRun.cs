using Nap.UnitGen.Model;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// The `docker run` of a pipeline step (app.json's steps, predeploy, postdeploy): a container of the release's image
/// with the run unit's own flags for the app's user, config, volumes, limits and network (<see cref="RunFlags"/>'s
/// rows marked Step), no published port, no health check, a shell running the step's commands. napd runs it as
/// argv, no shell of the host in between, so nothing here is quoted for systemd.
/// </summary>
public static class StepRun
{
    /// <summary>The docker CLI the run unit starts: a step runs through the same one.</summary>
    public const string Docker = UnitText.Docker;

    /// <summary>The label on a step's container, valued with the app's name (not nap.app, which marks its releases).</summary>
    public const string Label = "nap.step";

    /// <param name="options">The run unit's options (the app's env file, limits, network); its image is the one run.</param>
    /// <param name="container">The step container's name; napd removes it by that name afterwards.</param>
    /// <param name="script">The shell script: the step's commands, one a line, after `set -e`.</param>
    public static IReadOnlyList<string> Arguments(ImageConfig image, UnitOptions options, string container, string script)
    {
        var plan = UnitPlan.From(image, options with { Template = false });
        try
        {
            var flags = RunFlags.ForStep(plan).Select(arg => arg.Text).ToList();
            return
            [
                "run", "--rm", "--name", container, "--label", $"{Label}={plan.App}", .. flags,
                // The step's shell, whatever ENTRYPOINT the image has (as `heroku run` and Dokku's scripts get one).
                "--entrypoint=/bin/sh", plan.ImageTag, "-c", script,
            ];
        }
        catch (ArgumentException e)
        {
            throw new RenderException(e.Message);
        }
    }
}
