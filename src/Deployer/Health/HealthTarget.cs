namespace Nap.Deployer.Health;

/// <summary>What to watch for one release instance.</summary>
/// <param name="Container">The instance's container name, for Docker's HEALTHCHECK status.</param>
/// <param name="Port">Where the release answers HTTP on 127.0.0.1 (the template always publishes its web port there).</param>
/// <param name="Gate">Docker's verdict, app.json's startup checks, or nap's probe.</param>
public sealed record HealthTarget(string Container, int Port, HealthGate Gate)
{
    public HealthTarget WithPort(int port) => this with { Port = port };
}
