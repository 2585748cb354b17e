using Nap.Deployer.Apps;

namespace Nap.Deployer.Instances;

/// <summary>One running copy of a release: instance <see cref="Index"/> (1..scale) on 127.0.0.1:<see cref="Port"/>.</summary>
public sealed record AppInstance(string App, int Release, int Index, int Port)
{
    public string Unit => ReleaseNames.Instance(App, Release, Index);

    public string Container => ReleaseNames.Container(App, Release, Index);

    public string Id => ReleaseNames.Id(Release, Index);

    /// <summary>The instances of a release, one per recorded port, in index order.</summary>
    public static IReadOnlyList<AppInstance> Of(string app, int release, IReadOnlyList<int> ports) =>
        [.. ports.Select((port, i) => new AppInstance(app, release, i + 1, port))];

    public override string ToString() => $"{Unit} on 127.0.0.1:{Port}";
}
