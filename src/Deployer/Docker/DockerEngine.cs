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

    public void Dispose() => client.Dispose();
}
