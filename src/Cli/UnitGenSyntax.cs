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
        Description = "systemd, or fleet to add an [X-Fleet] section",
        HelpName = "systemd|fleet",
        CustomParser = result => result.Tokens[0].Value switch
        {
            "systemd" => UnitFlavor.Systemd,
            "fleet" => UnitFlavor.Fleet,
            var other => Error(result, $"--flavor '{Untrusted.Printable(other)}' is not one of systemd, fleet"),
        },
    };
    public static readonly Option<string[]> Publish = new("--publish", "-p") { Description = "publish a port, repeatable (default: every EXPOSE on its own number)", HelpName = "[IP:]HOSTPORT:CONTAINERPORT[/PROTO]" };
    public static readonly Option<string[]> MachineMetadata = new("--machine-metadata") { Description = "fleet MachineMetadata=, repeatable", HelpName = "KEY=VALUE" };
    public static readonly Option<string[]> BuildArgs = new("--build-arg") { Description = "ARG value, as docker build --build-arg, repeatable", HelpName = "KEY=VALUE" };
    public static readonly Option<string?> EnvFile = new("--env-file") { Description = "the app's config for docker run --env-file", HelpName = "FILE" };
    public static readonly Option<bool> Template = new("--template") { Description = "render nap-APP@.service, one instance per release (as napd does)" };
    public static readonly Option<string?> Out = new("--out") { Description = "write the unit files into DIR instead of printing them", HelpName = "DIR" };
    public static readonly Option<int> Bench = new("--bench") { Hidden = true };
    public static readonly HelpOption Help = new();
    public static readonly Argument<string[]> Paths = new("PATH") { Description = "a Dockerfile, or a directory containing one", Arity = ArgumentArity.ZeroOrMore };

    static UnitFlavor Error(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default;
    }

    /// <summary>A root named "nap" so help reads "nap unitgen", whatever the process is called.</summary>
    public static readonly Command Root = Build();

    static Command Build()
    {
        var unitgen = new Command("unitgen", "Translate a Dockerfile into systemd units: a build unit and a run unit.")
        {
            App, Revision, Flavor, Publish, MachineMetadata, BuildArgs, EnvFile, Template, Out, Bench, Help, Paths,
        };
        return new Command("nap") { unitgen };
    }
}
