namespace Nap.UnitGen.Rendering;

public enum UnitFlavor
{
    Systemd,

    /// <summary>The same units plus an [X-Fleet] section for clusters that schedule units across machines.</summary>
    Fleet,

    /// <summary>
    /// A Docker Swarm service per release (<see cref="UnitRenderer.RenderSwarm"/>); the build unit stays a systemd
    /// unit on the host that builds and pushes the image.
    /// </summary>
    Swarm,
}
