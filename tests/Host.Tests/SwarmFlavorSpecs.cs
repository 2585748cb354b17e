using System.Text.Json;
using Nap.UnitGen;
using Nap.UnitGen.Rendering;

namespace Nap.Host.Tests;

/// <summary>
/// The swarm flavor against the real thing: on a bare Debian host (docker.io 20.10, API 1.41) made a one-node Swarm,
/// every corpus app's printed `docker service create` runs through the host's own shell and CLI, and the engine's
/// reading of each service (`docker service inspect`) must be the model napd maps onto the API: the flags exist in that
/// CLI, mean what the table says, and no Dockerfile value reaches another field.
/// </summary>
public sealed class SwarmFlavorSpecs : IAsyncLifetime
{
    static readonly string CorpusDir = Path.Combine(RepoLayout.Root, "tests", "UnitGen.Tests", "Corpus");

    NapHost? _host;

    NapHost Host => _host ?? throw new InvalidOperationException("the host is not booted");

    public async Task InitializeAsync()
    {
        _host = await NapHost.BootBareAsync();
        (await Host.Exec("docker", "swarm", "init", "--advertise-addr", "eth0")).EnsureSuccess("docker swarm init");
        (await Host.Exec("docker", "network", "create", "-d", "overlay", "nap-probe")).EnsureSuccess("docker network create");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    /// <summary>What napd would pass for release 1, but 0 replicas (nothing to pull: the spec is about the spec) and an image nobody serves.</summary>
    static UnitOptions Options(string name) => new()
    {
        App = name,
        Revision = "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
        ContextDir = $"/var/lib/nap/apps/{name}/releases/1/src",
        EnvFile = $"/var/lib/nap/apps/{name}/env",
        Flavor = UnitFlavor.Swarm,
        Release = 1,
        Image = $"127.0.0.1:5999/{name}:20260102-030405-4b825dc",
        Network = "nap-probe",
        Memory = "256m",
        Cpus = "0.5",
        PidsLimit = 512,
        Replicas = 0,
        StopTimeoutSeconds = 7,
    };

    [Fact]
    public async Task Docker_20_10_creates_every_corpus_apps_service_as_the_model_says()
    {
        var services = Directory.GetDirectories(CorpusDir).Where(d => File.Exists(Path.Combine(d, "Dockerfile"))).Order()
            .Select(dir => UnitRenderer.RenderSwarm(Dockerfile.Parse(File.ReadAllText(Path.Combine(dir, "Dockerfile"))), Options(Path.GetFileName(dir))))
            .ToList();

        foreach (var service in services)
        {
            var app = service.Labels[0].Value;
            var script = $"mkdir -p /var/lib/nap/apps/{app} && printf 'FROM_ENV_FILE=1\\n' > /var/lib/nap/apps/{app}/env\n" + SwarmCommand.Script(service);
            var created = await Host.Exec("sh", "-c", script);
            Assert.True(created.ExitCode == 0, $"{app}: {created}\n--- script\n{script}");
        }
        var inspect = (await Host.Exec("sh", "-c", "docker service inspect $(docker service ls -q)")).EnsureSuccess("docker service inspect");
        var specs = JsonDocument.Parse(inspect.Stdout).RootElement.EnumerateArray()
            .ToDictionary(s => s.GetProperty("Spec").GetProperty("Name").GetString()!, s => s.GetProperty("Spec"));

        Assert.Equal(services.Select(s => s.Name).Order(), specs.Keys.Order());
        Assert.All(services, service => AssertSpec(service, specs[service.Name]));
    }

    static void AssertSpec(SwarmService model, JsonElement spec)
    {
        var task = spec.GetProperty("TaskTemplate");
        var container = task.GetProperty("ContainerSpec");
        Assert.Equal(model.Labels, Pairs(spec, "Labels"));
        Assert.Equal(model.ContainerLabels, Pairs(container, "Labels"));
        Assert.StartsWith(model.Image, container.GetProperty("Image").GetString());
        Assert.Equal((ulong)model.Replicas, spec.GetProperty("Mode").GetProperty("Replicated").GetProperty("Replicas").GetUInt64());
        Assert.Equal(model.Init, container.TryGetProperty("Init", out var init) && init.GetBoolean());
        Assert.Equal(model.User, String(container, "User"));
        Assert.Equal(model.StopSignal, String(container, "StopSignal"));
        Assert.Equal(model.StopGracePeriod.Ticks * 100, container.GetProperty("StopGracePeriod").GetInt64());
        // The CLI reads the env file on the client and sends its lines as Env, then -e: napd does the same for the API.
        Assert.Equal(["FROM_ENV_FILE=1", .. model.Env.Select(e => $"{e.Key}={e.Value}")], Strings(container, "Env"));
        Assert.Equal(model.Mounts.Select(m => ("bind", m.Source, m.Target)), Array(container, "Mounts").Select(m => (String(m, "Type")!, String(m, "Source")!, String(m, "Target")!)));
        AssertHealth(model.Health, container);
        var limits = task.GetProperty("Resources").GetProperty("Limits");
        Assert.Equal((model.Limits.MemoryBytes, model.Limits.NanoCpus, model.Limits.Pids), (Int(limits, "MemoryBytes"), Int(limits, "NanoCPUs"), Int(limits, "Pids")));
        Assert.Equal(model.Constraints, task.TryGetProperty("Placement", out var placement) ? Strings(placement, "Constraints") : []);
        Assert.Single(Array(task, "Networks"));
        Assert.Equal(model.LogDriver, task.GetProperty("LogDriver").GetProperty("Name").GetString());
        Assert.Equal(model.RestartCondition, task.GetProperty("RestartPolicy").GetProperty("Condition").GetString());
        Assert.Equal(model.PublishedTargets.Select(p => (p.Protocol, p.Target, "host", p.Published ?? 0)),
            Array(spec.GetProperty("EndpointSpec"), "Ports").Select(p => (String(p, "Protocol")!, (int)Int(p, "TargetPort")!, String(p, "PublishMode")!, (int)(Int(p, "PublishedPort") ?? 0))));
    }

    static void AssertHealth(SwarmHealth? model, JsonElement container)
    {
        // An exec-form test is not the CLI's to give (--health-cmd takes a shell string): the image's own applies.
        var test = model?.Test is ["CMD", ..] ? [] : model?.Test ?? [];
        var expected = model is not null && (test.Count > 0 || model.Interval is not null || model.Timeout is not null || model.StartPeriod is not null || model.Retries is not null);
        Assert.Equal(expected, container.TryGetProperty("Healthcheck", out var check));
        if (!expected)
            return;
        Assert.Equal(test, Strings(check, "Test"));
        Assert.Equal(model!.Interval?.Ticks * 100, Int(check, "Interval"));
        Assert.Equal(model.Timeout?.Ticks * 100, Int(check, "Timeout"));
        Assert.Equal(model.StartPeriod?.Ticks * 100, Int(check, "StartPeriod"));
        Assert.Equal(model.Retries, (int?)Int(check, "Retries"));
    }

    static IReadOnlyList<KeyValuePair<string, string>> Pairs(JsonElement element, string name) =>
        element.TryGetProperty(name, out var map)
            ? [.. map.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).OrderBy(p => p.Key, StringComparer.Ordinal)]
            : [];

    static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    static long? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.GetInt64() != 0 ? value.GetInt64() : null;

    static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray().Select(s => s.GetString()!)] : [];

    static IReadOnlyList<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray()] : [];
}
