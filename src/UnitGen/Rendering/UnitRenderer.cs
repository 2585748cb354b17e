using Nap.UnitGen.Model;

namespace Nap.UnitGen.Rendering;

/// <summary>Renders an app's units from its image. Throws <see cref="RenderException"/> for options no unit can carry.</summary>
public static class UnitRenderer
{
    public static UnitFile RenderBuild(ImageConfig image, UnitOptions options) =>
        BuildUnit.Render(UnitPlan.From(image, options));

    public static UnitFile RenderRun(ImageConfig image, UnitOptions options) =>
        RunUnit.Render(UnitPlan.From(image, options));

    public static IReadOnlyList<UnitFile> Render(ImageConfig image, UnitOptions options)
    {
        var plan = UnitPlan.From(image, options);
        return [BuildUnit.Render(plan), RunUnit.Render(plan)];
    }
}
