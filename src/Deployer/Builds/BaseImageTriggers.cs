using Nap.Deployer.Docker;
using Nap.Protocol;
using Nap.UnitGen;

namespace Nap.Deployer.Builds;

/// <summary>
/// A base image's ONBUILD triggers run at the top of the build FROM it, after napd has looked at the Dockerfile:
/// a trigger that ADDs a URL would have the engine fetch it from the host's own network, unchecked. Each local base
/// image's triggers are read as nap's parser reads an ONBUILD line, which refuses remote ADD sources and RUN
/// --network=host or --security=insecure. An image the engine has yet to pull is not seen here (Debian 13's source
/// policy still refuses its URLs; docker 20.10 has none).
/// </summary>
public sealed class BaseImageTriggers(IDocker docker)
{
    public async Task CheckAsync(BuildSource source, CancellationToken ct)
    {
        var stageNames = source.Stages.Select(s => s.Name).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var stage in source.Stages.Where(s => s.Config.BaseImage != "scratch" && !stageNames.Contains(s.Config.BaseImage)))
        {
            foreach (var trigger in await docker.OnBuildAsync(stage.Config.BaseImage, ct) ?? [])
            {
                try
                {
                    Dockerfile.ParseStages($"FROM scratch\nONBUILD {trigger}\n");
                }
                catch (DockerfileException e)
                {
                    throw new DeployFailedException($"Dockerfile:{stage.Line}: FROM {Untrusted.Printable(stage.Config.BaseImage)}: the image's ONBUILD trigger is refused: {e.Detail}; build FROM an image without it");
                }
            }
        }
    }
}
