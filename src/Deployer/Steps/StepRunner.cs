using CliWrap;
using Nap.Deployer.Unix;
using Nap.Deployer.Verbs;
using Nap.Protocol;
using Nap.UnitGen.Rendering;

namespace Nap.Deployer.Steps;

/// <summary>
/// Runs a release's pipeline steps, each in a container of the release's image (<see cref="StepRun"/>: the run unit's
/// user, config, volumes, limits and network; no published port), its output streamed under `-----> step NAME`,
/// bounded by its timeout, and removed afterwards whatever happened.
/// </summary>
public sealed class StepRunner(NapPaths paths)
{
    public const int LinesOnFailure = 20;

    /// <summary>docker rm -f of a step's container, after its end or its timeout: bounded too.</summary>
    static readonly TimeSpan TeardownPatience = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="steps"/> in order, stopping at the first that fails.</summary>
    /// <returns>Null when every step succeeded, else the failure (its lines streamed already).</returns>
    /// <exception cref="OperationCanceledException">the client went away (the container is removed first).</exception>
    public async Task<StepFailure?> RunAsync(StepTarget target, IReadOnlyList<PipelineStep> steps, IReplyWriter reply, CancellationToken ct)
    {
        foreach (var step in steps)
            if (await RunAsync(target, step, reply, ct) is { } failure)
                return failure;
        return null;
    }

    public async Task<StepFailure?> RunAsync(StepTarget target, PipelineStep step, IReplyWriter reply, CancellationToken ct)
    {
        IReadOnlyList<string> args;
        try
        {
            args = StepRun.Arguments(target.Image, target.Run, target.Container, step.Script);
        }
        catch (RenderException e)
        {
            return new($"step {step.Name} cannot run: {e.Message}", []);
        }
        // The run unit's --env-file has no optional form: an app with no config yet has an empty file.
        if (target.Run.EnvFile is { } envFile)
            PrivateFile.EnsureExists(envFile);
        await RemoveAsync(target.Container);

        await reply.StepAsync($"step {step.Name}");
        var docker = Docker();
        var output = new StepOutput(reply, LinesOnFailure);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(step.Timeout);
        try
        {
            var result = await docker.WithArguments(args).WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(output.Target).WithStandardErrorPipe(output.Target)
                .ExecuteAsync(limit.Token);
            return result.ExitCode == 0 ? null : new($"step {step.Name} failed with exit code {result.ExitCode}{Hint(result.ExitCode)}", output.LastLines);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new($"step {step.Name} did not finish within {Format(step.Timeout)} (its \"timeout\" in app.json)", output.LastLines);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new($"step {step.Name} cannot run: {StepRun.Docker}: {e.Message}", []);
        }
        finally
        {
            // docker run's client is gone (ended or killed); the container may not be: a timeout kills only the client.
            await RemoveAsync(target.Container);
        }
    }

    /// <summary>
    /// The docker CLI with a configuration directory of napd's own, empty: napd runs with ProtectHome=yes, where the
    /// CLI would print a warning about ~/.docker into the step's output.
    /// </summary>
    Command Docker()
    {
        var config = Path.Combine(paths.DataDir, "docker-cli");
        Directory.CreateDirectory(config, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return Cli.Wrap(StepRun.Docker).WithEnvironmentVariables(env => env.Set("DOCKER_CONFIG", config));
    }

    /// <summary>
    /// The step container of a release that a napd which died mid-deploy left running: its timeout was the client's,
    /// which died with napd. For <c>InterruptedDeploys</c>, with the app's lock held.
    /// </summary>
    public Task RemoveLeftoverAsync(string app, int release) => RemoveAsync(StepTarget.ContainerOf(app, release));

    async Task RemoveAsync(string container)
    {
        using var patience = new CancellationTokenSource(TeardownPatience);
        try
        {
            await Docker().WithArguments(["rm", "-f", container]).WithValidation(CommandResultValidation.None).ExecuteAsync(patience.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // The engine did not answer: --rm removes it once it ends, and the next step's rm tries again.
        }
    }

    static string Hint(int code) => code switch
    {
        125 => " (docker could not run the container)",
        126 or 127 => " (a command was not found, or the image has no /bin/sh to run the step)",
        _ => "",
    };

    static string Format(TimeSpan t) =>
        t.TotalHours >= 1 && t.TotalHours == Math.Floor(t.TotalHours) ? $"{t.TotalHours:0}h"
        : t.TotalMinutes >= 1 && t.TotalMinutes == Math.Floor(t.TotalMinutes) ? $"{t.TotalMinutes:0}m" : $"{t.TotalSeconds:0}s";
}
