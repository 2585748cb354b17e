using Nap.Protocol;

namespace Nap.UnitGen.Rendering;

/// <summary>Refuses options no unit can carry, with a message that says what to change.</summary>
static class UnitOptionsCheck
{
    public static void Validate(UnitOptions options)
    {
        // The app name becomes unit and container names: the rule napd holds every name to.
        if (AppSlot.Validate(options.App) is { } bad)
            throw new RenderException(bad);
        if (string.IsNullOrWhiteSpace(options.Revision) || options.Revision.Any(char.IsControl))
            throw new RenderException("the revision must be a non-empty single-line string, e.g. a git sha");
        if (options.StopTimeoutSeconds is < 0 or > 3600)
            throw new RenderException($"stop timeout {options.StopTimeoutSeconds}s is out of range: use 0 to 3600 seconds");
        if (options.WebPort is < 1 or > 65535)
            throw new RenderException($"web port {options.WebPort} is out of range: use 1 to 65535");
        if (options.PidsLimit is < 1)
            throw new RenderException($"pids limit {options.PidsLimit} is out of range: use 1 or more");
        if (options.Replicas is < 0 or > 1000)
            throw new RenderException($"replicas {options.Replicas} is out of range: use 0 to 1000");
        if (options.Network is { } network && (network.Length is 0 or > 64 || !network.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw new RenderException($"network '{Untrusted.Printable(network)}' is not a docker network name: use letters, digits, '-', '_' and '.'");
        if (options.BuildScope is { } scope && (scope.Length is 0 or > 63 || !scope.All(char.IsAsciiLetterOrDigit)))
            throw new RenderException($"build scope '{Untrusted.Printable(scope)}' must be 1 to 63 letters and digits");
        if (options.BuildTasks is < 1)
            throw new RenderException($"build tasks {options.BuildTasks} is out of range: use 1 or more");
        if (options.BuildMemory is { } memory && !IsSize(memory))
            throw new RenderException($"build memory '{Untrusted.Printable(memory)}' is not a size: digits with K, M or G, e.g. 4096M");
        // BuildKit joins a parent with ':' to systemd's slice form instead of a path: only plain absolute paths pass.
        if (options.BuildCgroup is { } cgroup && (!cgroup.StartsWith('/') || cgroup.Contains("//") || cgroup.Contains("/..") || !cgroup.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '@')))
            throw new RenderException($"'{Untrusted.Printable(cgroup)}' is not a usable build cgroup: an absolute path of letters, digits, '-', '_', '.', '@' and '/'");
        foreach (var metadata in options.MachineMetadata)
            if (!metadata.Contains('=') || metadata.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                throw new RenderException($"machine metadata '{Untrusted.Printable(metadata)}' must be KEY=VALUE without spaces");
        foreach (var path in new[] { options.ContextDir, options.DataDir, options.EnvFile, options.InstanceEnvironmentFile, options.Dockerfile })
            if (path is not null && (path.Length == 0 || path.Any(char.IsControl)))
                throw new RenderException($"'{Untrusted.Printable(path)}' is not a usable path: paths must be non-empty and on one line");
        // Environment= splits on blanks and unquotes: a path that needs neither is the only kind written there.
        if (options.SourcePolicy is { } policy && (!Path.IsPathRooted(policy) || policy.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\'' or '\\' or '$' or '%')))
            throw new RenderException($"'{Untrusted.Printable(policy)}' is not a usable source policy path: an absolute path without blanks, quotes, backslashes, $ or %");
        foreach (var port in options.Publish)
            PublishFlags.Check(port, options.Template);
    }

    static bool IsSize(string size) =>
        size.Length > 1 && size[..^1].All(char.IsAsciiDigit) && size[^1] is 'K' or 'M' or 'G';
}
