using Docker.DotNet.Models;
using Nap.UnitGen.Rendering;
using SwarmService = Nap.UnitGen.Rendering.SwarmService;

namespace Nap.Deployer.Cluster;

/// <summary>
/// UnitGen's <see cref="SwarmService"/> as the engine's ServiceSpec: a copy, field by field. The CLI's --env-file is
/// read by napd itself into the container's Env (the API has no such field), before PORT, as the CLI orders them.
/// </summary>
public static class ServiceSpecs
{
    public static ServiceSpec From(SwarmService service, IReadOnlyList<KeyValuePair<string, string>> envFile) => new()
    {
        Name = service.Name,
        Labels = ToDictionary(service.Labels),
        Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = (ulong)service.Replicas } },
        EndpointSpec = new EndpointSpec
        {
            Mode = "vip",
            Ports = [.. service.PublishedTargets.Select(p => new PortConfig
            {
                Protocol = p.Protocol,
                TargetPort = (uint)p.Target,
                PublishedPort = p.Published is { } published ? (uint)published : null,
                PublishMode = "host",
            })],
        },
        TaskTemplate = new TaskSpec
        {
            ContainerSpec = new ContainerSpec
            {
                Image = service.Image,
                Labels = ToDictionary(service.ContainerLabels),
                Env = [.. envFile.Concat(service.Env).Select(kv => $"{kv.Key}={kv.Value}")],
                Init = service.Init ? true : null,
                User = service.User,
                StopSignal = service.StopSignal,
                StopGracePeriod = service.StopGracePeriod,
                Healthcheck = service.Health is { } health
                    ? new HealthcheckConfig { Test = [.. health.Test], Interval = health.Interval, Timeout = health.Timeout, StartPeriod = health.StartPeriod, Retries = health.Retries }
                    : null,
                Mounts = [.. service.Mounts.Select(m => new Mount { Type = "bind", Source = m.Source, Target = m.Target })],
            },
            Resources = new ResourceRequirements
            {
                Limits = new SwarmLimit { MemoryBytes = service.Limits.MemoryBytes, NanoCPUs = service.Limits.NanoCpus, Pids = service.Limits.Pids },
            },
            RestartPolicy = new SwarmRestartPolicy { Condition = service.RestartCondition },
            Placement = new Placement { Constraints = [.. service.Constraints] },
            Networks = service.Network is { } network ? [new NetworkAttachmentConfig { Target = network }] : [],
            LogDriver = new SwarmDriver { Name = service.LogDriver },
        },
    };

    static Dictionary<string, string> ToDictionary(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
            map[key] = value;
        return map;
    }
}
