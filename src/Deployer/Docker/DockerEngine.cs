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
        var colon = target.LastIndexOf(':');
        var (repository, tag) = colon > target.LastIndexOf('/') ? (target[..colon], target[(colon + 1)..]) : (target, "latest");
        return client.Images.TagImageAsync(source, new ImageTagParameters { RepositoryName = repository, Tag = tag }, ct);
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
