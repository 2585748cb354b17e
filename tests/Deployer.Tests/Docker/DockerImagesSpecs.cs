using Nap.Deployer.Apps;
using Nap.Deployer.Docker;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Docker;

public sealed class DockerImagesSpecs(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task A_release_image_is_tagged_listed_and_removed_by_its_app_repository()
    {
        var app = "specs" + Guid.NewGuid().ToString("N")[..8];
        var engine = docker.Engine;

        await engine.TagAsync(DockerFixture.Image, ImageName.Release(app, 1), default);
        await engine.TagAsync(DockerFixture.Image, ImageName.Release(app, 2), default);

        Assert.Equal([ImageName.Release(app, 1), ImageName.Release(app, 2)], await engine.TagsAsync(ImageName.Repository(app), default));
        Assert.True(await engine.RemoveImageAsync(ImageName.Release(app, 1), default));
        Assert.True(await engine.RemoveImageAsync(ImageName.Release(app, 1), default));
        Assert.Equal([ImageName.Release(app, 2)], await engine.TagsAsync(ImageName.Repository(app), default));
        Assert.True(await engine.RemoveImageAsync(ImageName.Release(app, 2), default));
        Assert.True(await engine.ImageExistsAsync(DockerFixture.Image, default));
    }

    [Fact]
    public void A_release_number_is_read_back_from_its_tag_only()
    {
        Assert.Equal(12, ImageName.ReleaseOf("web", "nap/web:12"));
        Assert.Null(ImageName.ReleaseOf("web", "nap/web:latest"));
        Assert.Null(ImageName.ReleaseOf("web", "nap/webx:3"));
    }
}
