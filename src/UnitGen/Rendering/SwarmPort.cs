namespace Nap.UnitGen.Rendering;

/// <summary>
/// A host-mode port (--publish mode=host,target=T): each task listens on its own node. A null
/// <paramref name="Published"/> leaves the port to the engine, so two releases or tasks on one node never collide.
/// </summary>
public sealed record SwarmPort(int Target, string Protocol = "tcp", int? Published = null);
