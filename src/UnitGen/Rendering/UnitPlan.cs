using Nap.UnitGen.Model;
using Nap.UnitGen.Systemd;

namespace Nap.UnitGen.Rendering;

/// <summary>The options checked and resolved once, so every renderer and flag reads the same names.</summary>
sealed record UnitPlan(ImageConfig Image, UnitOptions Options)
{
    public string App => Options.App;
    public bool Template => Options.Template;
    public string BuildUnitName => $"nap-{App}-build.service";
    public string RunUnitName => Template ? $"nap-{App}@.service" : $"nap-{App}.service";
    public string InstancesPattern => $"nap-{App}@*.service";

    /// <summary>Templates leave the release to %i, so two releases can run side by side.</summary>
    public ExecArg ContainerName => Template ? ExecArg.Template($"nap-{App}-%i") : $"nap-{App}";

    /// <summary>
    /// The release's Swarm service, nap-APP-N: Swarm names take letters, digits, '-' and '_' (no '.'), so an
    /// environment's slot APP.ENV is APP_ENV there, a name no app or environment has ('_' is in neither).
    /// </summary>
    public string ServiceName
    {
        get
        {
            var name = $"nap-{App.Replace('.', '_')}" + (Options.Release is { } release ? $"-{release.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "");
            return name.Length <= 63
                ? name
                : throw new RenderException($"the service name {name} is longer than Swarm's 63 characters: on a cluster, give the app a shorter name");
        }
    }

    public string ImageTag => Options.Image ?? $"nap/{App}:{ShortRevision}";

    public ExecArg RunImage => Template ? ExecArg.Template("${NAP_IMAGE}") : ImageTag;

    public string DataDir => Options.DataDir.Replace("{App}", App);

    /// <summary>Already in systemd's syntax: a given file may use %i on purpose; the default escapes the data dir's own '%'.</summary>
    public string? InstanceEnvironmentFile =>
        Template ? Options.InstanceEnvironmentFile ?? $"{SystemdQuoting.Value(DataDir)}/releases/%i/unit.env" : null;

    public int WebPort => Options.WebPort ?? Image.Ports.FirstOrDefault(p => p.Protocol == "tcp")?.Port ?? 5000;

    /// <summary>A docker tag allows [A-Za-z0-9_.-]; anything else in a revision becomes '_' (the label keeps it whole).</summary>
    string ShortRevision
    {
        get
        {
            var tag = new string(Options.Revision.Take(12).Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_').ToArray());
            return tag.StartsWith('.') || tag.StartsWith('-') ? "_" + tag[1..] : tag;
        }
    }

    public static UnitPlan From(ImageConfig image, UnitOptions options)
    {
        UnitOptionsCheck.Validate(options);
        return new(image, options);
    }
}
