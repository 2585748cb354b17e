using Docker.DotNet.Models;
using Docker.DotNet;

namespace Nap.Deployer.Docker;

/// <summary><see cref="IDocker"/> over the engine's socket, at the API version of Debian 12's engine.</summary>
public sealed partial class DockerEngine(DockerClient client) : IDocker, IDisposable
{
    public static readonly Uri DefaultEndpoint = new("unix:///var/run/docker.sock");

    // Debian 12 ships engine 20.10, which refuses clients newer than 1.41.
    public static readonly System.Version ApiVersion = new(1, 41);

    public static DockerEngine Connect(Uri? endpoint = null) =>
        new(new DockerClientBuilder().WithEndpoint(endpoint ?? DefaultEndpoint).WithApiVersion(ApiVersion).Build());

    public async Task<ContainerHealth> HealthAsync(string container, CancellationToken ct)
    {
        ContainerInspectResponse inspect;
        try
        {
            inspect = await client.Containers.InspectContainerAsync(container, ct);
        }
        catch (DockerContainerNotFoundException)
        {
            return ContainerHealth.Missing;
        }

        if (inspect.State is not { Running: true } state)
            return ContainerHealth.Exited;
        return state.Health?.Status switch
        {
            "healthy" => ContainerHealth.Healthy,
            "unhealthy" => ContainerHealth.Unhealthy,
            "starting" => ContainerHealth.Starting,
            _ => ContainerHealth.NoHealthCheck,
        };
    }

    public async Task<int?> PublishedPortAsync(string container, int hostPort, CancellationToken ct)
    {
        ContainerInspectResponse inspect;
        try
        {
            inspect = await client.Containers.InspectContainerAsync(container, ct);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        var host = hostPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Keys are "8080/tcp"; each holds the host addresses and ports it is published on.
        return (inspect.HostConfig?.PortBindings ?? new Dictionary<string, IList<PortBinding>>())
            .Where(b => b.Value?.Any(p => p.HostPort == host) == true)
            .Select(b => int.TryParse(b.Key.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : (int?)null)
            .FirstOrDefault();
    }

    public async Task<bool> ImageExistsAsync(string image, CancellationToken ct)
    {
        try
        {
            await client.Images.InspectImageAsync(image, ct);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }

    public Task TagAsync(string source, string target, CancellationToken ct)
    {
        var (repository, tag) = Split(target);
        return client.Images.TagImageAsync(source, new ImageTagParameters { RepositoryName = repository, Tag = tag }, ct);
    }

    public async Task ImportAsync(Stream tar, string target, CancellationToken ct)
    {
        var (repository, tag) = Split(target);
        var errors = new FirstError();
        await client.Images.CreateImageAsync(new ImagesCreateParameters { FromSrc = "-", Repo = repository, Tag = tag }, tar, null, errors, ct);
        if (errors.Message is not null || !await ImageExistsAsync(target, ct))
            throw new InvalidOperationException($"docker import of {target} failed: {errors.Message ?? "no image made"}");
    }

    public async Task<IReadOnlyList<string>?> OnBuildAsync(string image, CancellationToken ct)
    {
        try
        {
            return (await client.Images.InspectImageAsync(image, ct)).Config?.OnBuild?.ToArray() ?? [];
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The engine's first error in a progress stream, kept as it is reported (Progress&lt;T&gt; would post it later).</summary>
    sealed class FirstError : IProgress<JSONMessage>
    {
        public string? Message { get; private set; }

        public void Report(JSONMessage value) => Message ??= value.Error?.Message;
    }

    static (string Repository, string Tag) Split(string target)
    {
        var colon = target.LastIndexOf(':');
        return colon > target.LastIndexOf('/') ? (target[..colon], target[(colon + 1)..]) : (target, "latest");
    }

    public async Task<bool> RemoveImageAsync(string image, CancellationToken ct)
    {
        try
        {
            await client.Images.DeleteImageAsync(image, new ImageDeleteParameters(), ct);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return true;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<string>> TagsAsync(string repository, CancellationToken ct)
    {
        var images = await client.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [repository] = true } },
        }, ct);
        return images
            .SelectMany(i => i.RepoTags ?? [])
            .Where(t => t.StartsWith(repository + ":", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    public async Task<long?> SizeAsync(string image, CancellationToken ct)
    {
        try
        {
            return (await client.Images.InspectImageAsync(image, ct)).Size;
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
    }

    public async Task<string> DataRootAsync(CancellationToken ct) =>
        (await client.System.GetSystemInfoAsync(ct)).DockerRootDir;

    public async Task<IReadOnlyDictionary<string, long>> WrittenByAppAsync(CancellationToken ct)
    {
        var running = await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            Size = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { ["nap.app"] = true } },
        }, ct);
        return running.GroupBy(c => c.Labels["nap.app"]).ToDictionary(g => g.Key, g => g.Sum(c => c.SizeRw ?? 0));
    }

    public async Task PushAsync(string image, RegistryLogin login, Action<string> line, CancellationToken ct)
    {
        var (repository, tag) = Split(image);
        var progress = new PushProgress(line);
        try
        {
            await client.Images.PushImageAsync(repository, new ImagePushParameters { Tag = tag }, Auth(login), progress, ct);
        }
        catch (DockerApiException e)
        {
            throw new DockerRegistryException(e.ResponseBody?.Trim() is { Length: > 0 } body ? body : e.Message);
        }
        if (progress.Error is { } error)
            throw new DockerRegistryException(error);
    }

    public async Task PullAsync(string image, RegistryLogin login, CancellationToken ct)
    {
        var (repository, tag) = Split(image);
        var errors = new FirstError();
        try
        {
            await client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag }, Auth(login), errors, ct);
        }
        catch (DockerApiException e)
        {
            throw new DockerRegistryException(e.ResponseBody?.Trim() is { Length: > 0 } body ? body : e.Message);
        }
        if (errors.Message is not null || !await ImageExistsAsync(image, ct))
            throw new DockerRegistryException(errors.Message ?? $"the engine made no image {image}");
    }

    static AuthConfig Auth(RegistryLogin login) => new() { ServerAddress = login.Address, Username = login.User, Password = login.Password };

    /// <summary>A push's progress: a layer's last word and the digest line, not every byte count.</summary>
    sealed class PushProgress(Action<string> line) : IProgress<JSONMessage>
    {
        public string? Error { get; private set; }

        public void Report(JSONMessage value)
        {
            if (value.Error?.Message is { } error)
                Error ??= error;
            else if (value.Status is "Pushed" or "Layer already exists" or "Mounted from" && value.ID is { } id)
                line($"{id}: {value.Status}");
            else if (value.Status is { } status && status.Contains("digest: ", StringComparison.Ordinal))
                line(status);
        }
    }

    public void Dispose() => client.Dispose();
}
