using Nap.Deployer.Apps;
using Nap.Deployer.Docker;
using Nap.Protocol;
using Nap.UnitGen;
using Nap.UnitGen.Rendering;

namespace Nap.Deployer.Cluster;

/// <summary>
/// `units APP` on a cluster: the release's service as napd renders it (the `docker service create` a sysadmin would
/// run, UnitGen's swarm flavor) and as the engine has it now (its inspect, as JSON).
/// </summary>
public sealed class ServiceView(NapPaths paths, ClusterMode mode, ISwarm swarm, ServiceRunner services)
{
    public async Task<IReadOnlyList<string>> LinesAsync(AppState app, Release current, string service, CancellationToken ct)
    {
        var lines = new List<string> { $"# {service}: as napd creates it (docker service create; the env file is read by napd)" };
        var dockerfile = Path.Combine(paths.Release(app.Name, current.Number), "Dockerfile");
        if (await mode.RegistryAsync(ct) is { } registry && current.Tag is { } tag && File.Exists(dockerfile))
        {
            try
            {
                var rendered = services.Render(app, new ClusterRelease(app.Name, current.Number, current.Revision, Dockerfile.Parse(File.ReadAllText(dockerfile)), registry.Image(app.Name, tag), app.Scale));
                lines.AddRange(SwarmCommand.Script(rendered).TrimEnd('\n').Split('\n'));
            }
            catch (Exception e) when (e is ClusterException or DockerfileException)
            {
                lines.Add($"# cannot render it again: {Untrusted.Printable(e.Message)}");
            }
        }
        else
            lines.Add("# cannot render it again: no registry, no dated tag or no recorded Dockerfile");
        lines.Add("");
        lines.Add($"# {service}: as the engine has it (docker service inspect)");
        lines.AddRange((await swarm.InspectServiceAsync(service, ct) ?? "# not there: the engine has no such service").ReplaceLineEndings("\n").Split('\n'));
        return lines;
    }
}
