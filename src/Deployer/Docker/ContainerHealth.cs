namespace Nap.Deployer.Docker;

public enum ContainerHealth
{
    /// <summary>No such container (yet): the unit may still be creating it.</summary>
    Missing,

    /// <summary>The container exists but its process has ended.</summary>
    Exited,

    /// <summary>Running, and the image has no HEALTHCHECK.</summary>
    NoHealthCheck,

    Starting,
    Healthy,
    Unhealthy,
}
