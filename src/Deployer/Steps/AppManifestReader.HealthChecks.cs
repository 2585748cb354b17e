using System.Text.Json;
using Nap.Deployer.Health;
using Nap.Deployer.Settings;
using Nap.Protocol;

namespace Nap.Deployer.Steps;

public static partial class AppManifestReader
{
    const int MaxChecks = 10;
    const int MaxCheckText = 1024;

    // Dokku's keys for its other strategies and extras: refused rather than skipped, so no check the pusher wrote
    // is silently not run.
    static readonly string[] OtherStrategies = ["command", "uptime", "listening", "port", "scheme", "httpHeaders", "onFailure", "warn"];

    sealed partial class Check
    {
        /// <summary>
        /// `"healthchecks": {"web": [{"type": "startup", "path": "/ready", ...}]}`, Dokku's format. Only web's startup
        /// checks gate a release; liveness and readiness are left out, as Dokku's docker-local scheduler leaves them.
        /// </summary>
        public IReadOnlyList<StartupCheck> HealthChecks(LocatedJson value)
        {
            if (value.Kind != JsonTokenType.StartObject)
            {
                Problem(value, "$.healthchecks", "must be an object, such as {\"web\": [{\"path\": \"/health\"}]}");
                return [];
            }
            if (value["web"] is not { } web)
                return [];
            if (web.Kind != JsonTokenType.StartArray)
            {
                Problem(web, "$.healthchecks.web", "must be a list, such as [{\"path\": \"/health\"}]");
                return [];
            }
            var checks = new List<StartupCheck>();
            for (var i = 0; i < web.Items.Count; i++)
                if (HealthCheck(web.Items[i], $"$.healthchecks.web[{i}]") is { } check)
                    checks.Add(check);
            if (checks.Count > MaxChecks)
                Problem(web, "$.healthchecks.web", $"holds {checks.Count} startup checks: nap runs at most {MaxChecks}");
            return checks;
        }

        StartupCheck? HealthCheck(LocatedJson item, string path)
        {
            if (item.Kind != JsonTokenType.StartObject)
            {
                Problem(item, path, "must be an object, such as {\"type\": \"startup\", \"path\": \"/health\"}");
                return null;
            }
            if (item["type"] is { } type)
            {
                if (type.Kind != JsonTokenType.String || type.String is not ("" or "startup" or "liveness" or "readiness"))
                {
                    Problem(type, $"{path}.type", "must be \"startup\", \"liveness\" or \"readiness\"");
                    return null;
                }
                if (type.String is "liveness" or "readiness")
                    return null;
            }
            var before = Problems.Count;
            foreach (var key in OtherStrategies.Where(k => item[k] is not null))
                Problem(item[key]!, $"{path}.{key}", "is not a key nap runs: nap's startup checks are path checks on the port the Dockerfile EXPOSEs (path, content, attempts, timeout, wait, initialDelay)");
            var target = Text(item["path"], $"{path}.path", "an HTTP path such as \"/health\"");
            if (item["path"] is null)
                Problem(item, path, "has no \"path\": nap's startup checks are path checks, such as {\"path\": \"/health\"}");
            else if (target is not null && (!target.StartsWith('/') || target.Any(c => c is <= ' ' or > '~' or '#')))
                Problem(item["path"]!, $"{path}.path", $"\"{Untrusted.Printable(target)}\" must start with / and hold no spaces, control characters or #");
            var content = item["content"] is { } c ? Text(c, $"{path}.content", "the text the answer must hold") : null;
            var name = item["name"] is { } n ? Text(n, $"{path}.name", "a name for the pusher's output") : null;
            var attempts = Whole(item["attempts"], $"{path}.attempts", StartupCheck.DefaultAttempts, 1, 100);
            var timeout = Whole(item["timeout"], $"{path}.timeout", StartupCheck.DefaultTimeoutSeconds, 1, 600);
            var wait = Whole(item["wait"], $"{path}.wait", StartupCheck.DefaultWaitSeconds, 0, 600);
            var delay = Whole(item["initialDelay"], $"{path}.initialDelay", 0, 0, 3600);
            if (Problems.Count > before || target is null)
                return null;
            var check = new StartupCheck(name ?? target, target, content, attempts, timeout, wait, delay);
            if (check.WorstCaseSeconds > limits.HealthCheckSeconds)
            {
                Problem(item, path, $"may take {check.WorstCaseSeconds} s (initialDelay + attempts x timeout + waits between), more than this host allows ({limits.HealthCheckSeconds} s, {TenantLimits.Name("healthCheckSeconds")})");
                return null;
            }
            return check;
        }

        string? Text(LocatedJson? value, string path, string what)
        {
            if (value is null)
                return null;
            if (value.Kind == JsonTokenType.String && value.String!.Length is > 0 and <= MaxCheckText && !value.String.Contains('\0'))
                return value.String;
            Problem(value, path, $"must be {what}: a string of 1 to {MaxCheckText} characters");
            return null;
        }

        int Whole(LocatedJson? value, string path, int unstated, int min, int max)
        {
            if (value is null)
                return unstated;
            if (value.Integer is { } n && n >= min && n <= max)
                return (int)n;
            Problem(value, path, $"must be a whole number of {(path.EndsWith(".attempts", StringComparison.Ordinal) ? "attempts" : "seconds")} from {min} to {max}");
            return unstated;
        }
    }
}
