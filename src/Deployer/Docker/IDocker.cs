namespace Nap.Deployer.Docker;

/// <summary>What napd asks the Docker engine directly; building and running go through systemd units.</summary>
public interface IDocker
{
    Task<ContainerHealth> HealthAsync(string container, CancellationToken ct);

    Task<bool> ImageExistsAsync(string image, CancellationToken ct);

    /// <summary>The container's port published on <paramref name="hostPort"/> (8080 of -p 127.0.0.1:HOSTPORT:8080); null when none is, or no such container.</summary>
    Task<int?> PublishedPortAsync(string container, int hostPort, CancellationToken ct);

    /// <summary>Gives <paramref name="source"/> the name <paramref name="target"/> (REPO:TAG), replacing an older image of that name.</summary>
    Task TagAsync(string source, string target, CancellationToken ct);

    /// <summary>Removes one image name; absent is fine, an image still used by a container is left alone (false).</summary>
    Task<bool> RemoveImageAsync(string image, CancellationToken ct);

    /// <summary>Makes the image <paramref name="target"/> (REPO:TAG) of one layer, the files of <paramref name="tar"/> (docker import).</summary>
    Task ImportAsync(Stream tar, string target, CancellationToken ct);

    /// <summary>The ONBUILD triggers of a local image, as stored; null when the engine has no such image.</summary>
    Task<IReadOnlyList<string>?> OnBuildAsync(string image, CancellationToken ct);

    /// <summary>
    /// A bridge network of that name, made unless it exists: labelled nap.app=<paramref name="app"/>, on the first
    /// free subnet of <paramref name="pool"/>. Throws <see cref="DockerNetworkException"/> when it cannot.
    /// </summary>
    Task EnsureNetworkAsync(string network, string app, SubnetPool pool, CancellationToken ct);

    /// <summary>Removes the network; absent is fine.</summary>
    Task RemoveNetworkAsync(string network, CancellationToken ct);

    /// <summary>Every REPO:TAG of <paramref name="repository"/>, e.g. all "nap/app:N".</summary>
    Task<IReadOnlyList<string>> TagsAsync(string repository, CancellationToken ct);

    /// <summary>The size in bytes of a local image (its layers, uncompressed); null when the engine has none of that name.</summary>
    Task<long?> SizeAsync(string image, CancellationToken ct);

    /// <summary>Where the engine keeps its images and layers (its data root, /var/lib/docker by default).</summary>
    Task<string> DataRootAsync(CancellationToken ct);

    /// <summary>
    /// What each app's running containers have written into their own layers (SizeRw, summed by their nap.app label):
    /// the engine walks each layer to count it, so this is for a disk under pressure, not every tick.
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> WrittenByAppAsync(CancellationToken ct);

    /// <summary>
    /// Pushes REGISTRY/REPO:TAG with <paramref name="login"/>, each progress line the engine ends a layer with
    /// ("Pushed", "Layer already exists", the digest) given to <paramref name="line"/>. Throws
    /// <see cref="DockerRegistryException"/> with the engine's message when it fails.
    /// </summary>
    Task PushAsync(string image, RegistryLogin login, Action<string> line, CancellationToken ct);

    /// <summary>Pulls REGISTRY/REPO:TAG with <paramref name="login"/>; throws <see cref="DockerRegistryException"/> when it fails.</summary>
    Task PullAsync(string image, RegistryLogin login, CancellationToken ct);
}
