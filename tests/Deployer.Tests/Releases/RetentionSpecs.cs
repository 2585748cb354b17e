using Nap.Deployer.Apps;
using Nap.Deployer.Docker;
using Microsoft.Extensions.Logging.Abstractions;
using Nap.Deployer.Registry;
using Nap.Deployer.Releases;
using Nap.Deployer.Settings;
using Nap.Deployer.Tests.Support;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Releases;

public sealed class RetentionSpecs(DockerFixture docker) : IClassFixture<DockerFixture>, IDisposable
{
    readonly string root = Directory.CreateTempSubdirectory("nap-retention-").FullName;

    static AppState App(string name, int current, params (int Number, ReleaseResult Result)[] releases) =>
        releases.Aggregate(new AppState(name, "alice", DateTimeOffset.UnixEpoch), (a, r) =>
                a.WithRelease(new Release(r.Number, "rev" + r.Number, "alice", DateTimeOffset.UnixEpoch, ImageName.Release(name, r.Number), null, r.Result)))
            .WithCurrentRelease(current);

    [Fact]
    public void The_last_deployed_releases_are_kept_and_failed_ones_are_not()
    {
        var app = App("web", 5, (1, ReleaseResult.Deployed), (2, ReleaseResult.Deployed), (3, ReleaseResult.BuildFailed),
            (4, ReleaseResult.Deployed), (5, ReleaseResult.Deployed), (6, ReleaseResult.Unhealthy));

        Assert.Equal([5, 4, 2], Retention.Kept(app, 3).Order().Reverse());
    }

    [Fact]
    public void The_current_release_is_kept_even_when_newer_ones_were_deployed_after_a_rollback_target()
    {
        var app = App("web", 1, (1, ReleaseResult.Deployed), (2, ReleaseResult.Deployed), (3, ReleaseResult.Deployed));

        Assert.Equal([1, 3], Retention.Kept(app, 1).Order());
    }

    [Fact]
    public void Release_numbers_go_on_after_the_highest_recorded_one()
    {
        Assert.Equal(1, new AppState("web", "alice", DateTimeOffset.UnixEpoch).NextReleaseNumber);
        Assert.Equal(7, App("web", 5, (5, ReleaseResult.Deployed), (6, ReleaseResult.BuildFailed)).NextReleaseNumber);
    }

    [Fact]
    public async Task Pruning_removes_the_images_and_checkouts_of_releases_no_longer_kept_and_spares_one_still_building()
    {
        var name = "ret" + Guid.NewGuid().ToString("N")[..8];
        var paths = new NapPaths(root, root + "/etc", root + "/run");
        var app = App(name, 3, (1, ReleaseResult.Deployed), (2, ReleaseResult.Unhealthy), (3, ReleaseResult.Deployed));
        // Releases 1 and 3 were made by a napd before release names were random (nap/APP:N); release 4 is building
        // while release 3's switch prunes.
        var images = new Dictionary<int, string>
        {
            [1] = ImageName.Legacy(name, 1), [2] = ImageName.Release(name, 2), [3] = ImageName.Legacy(name, 3), [4] = ImageName.Release(name, 4),
        };
        foreach (var (n, image) in images)
        {
            await docker.Engine.TagAsync(DockerFixture.Image, image, default);
            Directory.CreateDirectory(Path.Combine(paths.Release(name, n), "src"));
        }
        var retention = NewRetention(new NapdConfig { ReleasesKept = 1 }, paths);

        await retention.PruneAsync(app, default);

        Assert.Equal([images[3], images[4]], await docker.Engine.TagsAsync(ImageName.Repository(name), default));
        Assert.False(Directory.Exists(Path.Combine(paths.Release(name, 1), "src")));
        Assert.True(Directory.Exists(Path.Combine(paths.Release(name, 3), "src")));
        await docker.Engine.RemoveImageAsync(images[3], default);
        await docker.Engine.RemoveImageAsync(images[4], default);
    }

    [Fact]
    public async Task A_release_that_did_not_go_live_loses_its_checkout_and_image_at_once_and_keeps_its_dockerfile()
    {
        var name = "ret" + Guid.NewGuid().ToString("N")[..8];
        var paths = new NapPaths(root, root + "/etc", root + "/run");
        var other = ImageName.Release(name, 3);
        // Its random name is not recorded when its build failed; a napd of before named it nap/APP:2.
        foreach (var image in new[] { ImageName.Release(name, 2), ImageName.Legacy(name, 2), other })
            await docker.Engine.TagAsync(DockerFixture.Image, image, default);
        Directory.CreateDirectory(Path.Combine(paths.Release(name, 2), "src", "deep"));
        File.WriteAllText(Path.Combine(paths.Release(name, 2), "Dockerfile"), "FROM scratch\n");

        await NewRetention(new NapdConfig(), paths).ForgetAsync(name, 2);

        Assert.Equal([other], await docker.Engine.TagsAsync(ImageName.Repository(name), default));
        Assert.False(Directory.Exists(Path.Combine(paths.Release(name, 2), "src")));
        Assert.True(File.Exists(Path.Combine(paths.Release(name, 2), "Dockerfile")));
        await docker.Engine.RemoveImageAsync(other, default);
    }

    [Fact]
    public void Dated_tags_go_with_releases_no_longer_kept_unless_a_kept_rollback_shares_them()
    {
        var app = App("web", 4, (1, ReleaseResult.Deployed), (2, ReleaseResult.Deployed), (3, ReleaseResult.Deployed), (4, ReleaseResult.Deployed));
        // Release 4 is a rollback to release 1: same image, same dated tag.
        app = app.WithRelease(app.FindRelease(1)!.WithTag("20261201-100000-aaaaaaa"))
            .WithRelease(app.FindRelease(2)!.WithTag("20261201-110000-bbbbbbb"))
            .WithRelease(app.FindRelease(3)!.WithTag("20261201-120000-ccccccc"))
            .WithRelease(app.FindRelease(4)!.WithTag("20261201-100000-aaaaaaa"));

        Assert.Equal(["20261201-110000-bbbbbbb"], Retention.DroppedTags(app, Retention.Kept(app, 2)));
    }

    [Fact]
    public async Task Pruning_removes_the_dated_tags_of_releases_no_longer_kept()
    {
        var name = "ret" + Guid.NewGuid().ToString("N")[..8];
        var paths = new NapPaths(root, root + "/etc", root + "/run");
        var app = App(name, 2, (1, ReleaseResult.Deployed), (2, ReleaseResult.Deployed));
        app = app.WithRelease(app.FindRelease(1)!.WithTag("20261201-100000-aaaaaaa")).WithRelease(app.FindRelease(2)!.WithTag("20261201-110000-bbbbbbb"));
        string[] images = [ImageName.Release(name, 1), ImageName.Release(name, 2), ImageName.Dated(name, "20261201-100000-aaaaaaa"), ImageName.Dated(name, "20261201-110000-bbbbbbb")];
        foreach (var image in images)
            await docker.Engine.TagAsync(DockerFixture.Image, image, default);

        await NewRetention(new NapdConfig { ReleasesKept = 1 }, paths).PruneAsync(app, default);

        Assert.Equal([images[1], images[3]], (await docker.Engine.TagsAsync(ImageName.Repository(name), default)).Order(StringComparer.Ordinal));
        foreach (var image in images)
            await docker.Engine.RemoveImageAsync(image, default);
    }

    Retention NewRetention(NapdConfig config, NapPaths paths) =>
        new(config, paths, docker.Engine, new AppStateStore(paths),
            new RegistryCleanup(new RegistrySettings(paths), new RegistryApi(), new RegistryGate(), new RecordingSystemd(), NullLogger<RegistryCleanup>.Instance),
            NullLogger<Retention>.Instance);

    public void Dispose() => Directory.Delete(root, recursive: true);
}
