namespace Nap.UnitGen.Rendering;

/// <summary>
/// A bind mount of a host directory (<paramref name="Source"/>, on the node that runs the task) at a VOLUME's path.
/// Unlike docker run -v, the engine refuses a bind source that does not exist: it is created first (napd does).
/// </summary>
public sealed record SwarmMount(string Source, string Target);
