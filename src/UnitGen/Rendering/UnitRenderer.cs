using Nap.UnitGen.Model;

namespace Nap.UnitGen.Rendering;

/// <summary>Renders an app's units from its image. Throws <see cref="RenderException"/> for values no unit can carry.</summary>
public static class UnitRenderer
{
    public static UnitFile RenderBuild(ImageConfig image, UnitOptions options) =>
        Guard(() => BuildUnit.Render(UnitPlan.From(image, options)));

    public static UnitFile RenderRun(ImageConfig image, UnitOptions options) =>
        Guard(() => RunUnit.Render(UnitPlan.From(image, options)));

    public static IReadOnlyList<UnitFile> Render(ImageConfig image, UnitOptions options) =>
        Guard<IReadOnlyList<UnitFile>>(() =>
        {
            var plan = UnitPlan.From(image, options);
            return [BuildUnit.Render(plan), RunUnit.Render(plan)];
        });

    /// <summary>The release as a Swarm service (the swarm flavor): napd creates it, <see cref="SwarmCommand"/> prints it.</summary>
    public static SwarmService RenderSwarm(ImageConfig image, UnitOptions options) =>
        Guard(() => SwarmRows.Service(UnitPlan.From(image, options)));

    // The quoting refuses what no unit file can hold (a NUL, a broken surrogate); the user gets one line.
    static T Guard<T>(Func<T> render)
    {
        try
        {
            return render();
        }
        catch (ArgumentException e)
        {
            throw new RenderException($"a value cannot be written to a unit file: {e.Message.Split(" (Parameter")[0]}");
        }
    }
}
