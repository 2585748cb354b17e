using Nap.Protocol;
using Nap.UnitGen.Parsing;

namespace Nap.Deployer.Builds;

/// <summary>
/// A `# syntax=` line makes the engine pull the image it names and run it as the build's frontend, with the
/// build's context and the engine's BuildKit at its disposal: only the values napd.json's buildFrontends lists
/// pass (none by default: the engine's built-in frontend reads the Dockerfile). Every line some engine would act
/// on counts (<see cref="FrontendDirectives"/>), not only the one nap's parser reads.
/// </summary>
public static class Frontends
{
    public static void Check(string dockerfile, IReadOnlyCollection<string> allowed)
    {
        foreach (var directive in FrontendDirectives.Find(dockerfile).Where(d => !allowed.Contains(d.Value)))
        {
            var value = Untrusted.Printable(directive.Value);
            throw new DeployFailedException($"Dockerfile:{directive.Line}: syntax={value} would have the engine pull that image and run it as this build's frontend; nap builds with the engine's own: remove the line, or have the host's admin add \"{value}\" to buildFrontends in /etc/nap/napd.json");
        }
    }
}
