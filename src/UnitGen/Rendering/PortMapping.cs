namespace Nap.UnitGen.Rendering;

/// <summary>
/// One <c>docker run -p</c>. A null <paramref name="HostPort"/> means <c>${NAP_PORT}</c>, the
/// release's port from its instance environment file, so it exists only in templates.
/// </summary>
public sealed record PortMapping(int? HostPort, int ContainerPort, string Protocol = "tcp", string? HostIp = null)
{
    public PortMapping WithHostIp(string? hostIp) => this with { HostIp = hostIp };
}
