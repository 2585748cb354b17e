using System.CommandLine.Help;
using System.CommandLine;
using Nap.Protocol;
using Nap.UnitGen.Rendering;

namespace Nap.Cli;

/// <summary>The command line of `nap unitgen`, read by System.CommandLine (trim- and AOT-safe).</summary>
static class UnitGenSyntax
{
    public static readonly Option<string?> App = new("--app") { Description = "app name (default: the directory's name, lowercased)", HelpName = "NAME" };
    public static readonly Option<string> Revision = new("--revision") { Description = "revision for the image tag and labels", HelpName = "REV", DefaultValueFactory = _ => "latest" };
    public static readonly Option<UnitFlavor> Flavor = new("--flavor")
    {
        Description = "systemd, fleet to add an [X-Fleet] section, or swarm to print the docker service create of a release",
        HelpName = "systemd|fleet|swarm",
        CustomParser = result => result.Tokens[0].Value switch
        {
            "systemd" => UnitFlavor.Systemd,
            "fleet" => UnitFlavor.Fleet,
            "swarm" => UnitFlavor.Swarm,
            var other => Error<UnitFlavor>(result, $"--flavor '{Untrusted.Printable(other)}' is not one of systemd, fleet, swarm"),
        },
    };
    public static readonly Option<string[]> Publish = new("--publish", "-p") { Description = "publish a port, repeatable (default: every EXPOSE on its own number)", HelpName = "[IP:]HOSTPORT:CONTAINERPORT[/PROTO]" };
    public static readonly Option<string[]> MachineMetadata = new("--machine-metadata") { Description = "fleet MachineMetadata= (swarm: the constraint node.labels.KEY==VALUE), repeatable", HelpName = "KEY=VALUE" };
    public static readonly Option<int> Replicas = new("--replicas")
    {
        Description = "swarm: how many tasks the service runs (default 1)",
        HelpName = "N",
        DefaultValueFactory = _ => 1,
        CustomParser = result => int.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : Error(result, $"--replicas '{Untrusted.Printable(result.Tokens[0].Value)}' is not a number of tasks: give 0 to 1000", 0),
    };
    public static readonly Option<string[]> Constraint = new("--constraint") { Description = "swarm: a placement constraint, e.g. node.labels.region==eu, repeatable", HelpName = "C" };
    public static readonly Option<string?> Image = new("--image") { Description = "the image to run, e.g. the registry's REGISTRY/APP:TAG (default nap/APP:REV)", HelpName = "REF" };
    public static readonly Option<string[]> BuildArgs = new("--build-arg") { Description = "ARG value, as docker build --build-arg, repeatable", HelpName = "KEY=VALUE" };
    public static readonly Option<string?> EnvFile = new("--env-file") { Description = "the app's config for docker run --env-file", HelpName = "FILE" };
    public static readonly Option<bool> Template = new("--template") { Description = "render nap-APP@.service, one instance per release (as napd does)" };
    public static readonly Option<string?> Out = new("--out") { Description = "write the unit files into DIR instead of printing them", HelpName = "DIR" };
    public static readonly Option<int> Bench = new("--bench") { Hidden = true };
    public static readonly HelpOption Help = new();
    public static readonly Argument<string[]> Paths = new("PATH") { Description = "a Dockerfile, or a directory containing one", Arity = ArgumentArity.ZeroOrMore };

    static T Error<T>(System.CommandLine.Parsing.ArgumentResult result, string message, T fallback = default!)
    {
        result.AddError(message);
        return fallback;
    }

    /// <summary>A root named "nap" so help reads "nap unitgen", whatever the process is called.</summary>
    public static readonly Command Root = Build();

    static Command Build()
    {
        var unitgen = new Command("unitgen", "Translate a Dockerfile into systemd units (a build unit and a run unit), or a Swarm service.")
        {
            App, Revision, Flavor, Publish, MachineMetadata, Replicas, Constraint, Image, BuildArgs, EnvFile, Template, Out, Bench, Help, Paths,
        };
        return new Command("nap") { unitgen };
    }
}
