using System.Threading.Channels;
using Nap.Deployer.Docker;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Registry;

/// <summary>
/// A release's image to the registry (after its build, before its switch) and back (a rollback whose local image is
/// gone). The engine's REGISTRY/APP:TAG name exists only while it moves: the local names stay nap/APP:..., which a
/// build of another app cannot name (Isolation/BuildBoundary).
/// </summary>
public sealed class RegistryTransfer(RegistrySettings settings, IDocker docker, RegistryGate gate)
{
    /// <summary>Pushes <paramref name="local"/> as REGISTRY/APP:TAG, its lines streamed to the pusher; nothing without a registry.</summary>
    /// <param name="before">What the pusher is shown first (the build's last lines); not waited for without a registry.</param>
    /// <exception cref="RegistryException">The registry did not take it: one line.</exception>
    public async Task PushAsync(string app, string tag, string local, Task before, IReplyWriter reply, CancellationToken ct)
    {
        if (settings.Find() is not { } target)
            return;
        await before;
        var remote = target.Image(app, tag);
        await reply.StepAsync($"Pushing {remote}");
        using var pushing = await gate.PushAsync(ct);
        await docker.TagAsync(local, remote, ct);
        var lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        var shown = ShowAsync(lines.Reader, reply);
        try
        {
            await docker.PushAsync(remote, target.Login, line => lines.Writer.TryWrite(line), ct);
        }
        catch (DockerRegistryException e)
        {
            throw new RegistryException($"the registry at {target.Address} did not take {app}:{tag}: {OneLine(e.Message)}");
        }
        finally
        {
            lines.Writer.TryComplete();
            await shown;
            await docker.RemoveImageAsync(remote, CancellationToken.None);
        }
    }

    /// <summary>
    /// Pulls REGISTRY/APP:TAG and names it <paramref name="local"/>; false without a registry (the caller says the
    /// image is gone). Only the app's own recorded tag is ever asked for: the caller passes its release's.
    /// </summary>
    /// <exception cref="RegistryException">The registry has no such tag or does not answer: one line.</exception>
    public async Task<bool> PullAsync(string app, string tag, string local, IReplyWriter reply, CancellationToken ct)
    {
        if (settings.Find() is not { } target)
            return false;
        var remote = target.Image(app, tag);
        await reply.StepAsync($"Pulling {remote}: the image is no longer on this host");
        try
        {
            await docker.PullAsync(remote, target.Login, ct);
        }
        catch (DockerRegistryException e)
        {
            throw new RegistryException($"the registry at {target.Address} did not give {app}:{tag}: {OneLine(e.Message)}");
        }
        try
        {
            await docker.TagAsync(remote, local, ct);
        }
        finally
        {
            await docker.RemoveImageAsync(remote, CancellationToken.None);
        }
        return true;
    }

    static async Task ShowAsync(ChannelReader<string> lines, IReplyWriter reply)
    {
        await foreach (var line in lines.ReadAllAsync())
            await reply.DetailAsync(line);
    }

    static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
