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
        var (one, two) = (ImageName.Release(app, 1), ImageName.Release(app, 2));

        await engine.TagAsync(DockerFixture.Image, one, default);
        await engine.TagAsync(DockerFixture.Image, two, default);

        Assert.Equal([one, two], await engine.TagsAsync(ImageName.Repository(app), default));
        Assert.True(await engine.RemoveImageAsync(one, default));
        Assert.True(await engine.RemoveImageAsync(one, default));
        Assert.Equal([two], await engine.TagsAsync(ImageName.Repository(app), default));
        Assert.True(await engine.RemoveImageAsync(two, default));
        Assert.True(await engine.ImageExistsAsync(DockerFixture.Image, default));
    }

    [Fact]
    public void A_release_image_s_name_cannot_be_guessed_from_its_app_and_number()
    {
        var names = Enumerable.Range(0, 100).Select(_ => ImageName.Release("web", 12)).ToList();

        Assert.Equal(100, names.Distinct().Count());
        Assert.All(names, name => Assert.Matches("^nap/web:12-[0-9a-f]{32}$", name));
        Assert.DoesNotContain(ImageName.Legacy("web", 12), names);
    }

    [Fact]
    public void A_dated_tag_is_the_build_s_utc_time_and_the_revision_s_first_seven_characters()
    {
        var built = new DateTimeOffset(2026, 12, 1, 23, 4, 5, TimeSpan.FromHours(2));

        Assert.Equal("20261201-210405-0123456", ImageName.DatedTag(built, "0123456789abcdef0123456789abcdef01234567"));
        Assert.Equal("nap/web:20261201-210405-0123456", ImageName.Dated("web", ImageName.DatedTag(built, "0123456789abcdef")));
    }

    [Fact]
    public void A_dated_tag_is_never_read_as_a_release_name() =>
        Assert.Null(ImageName.ReleaseOf("web", ImageName.Dated("web", "20261201-210405-0123456")));

    [Theory]
    [InlineData("nap/web:12", 12)]
    [InlineData("nap/web:12-0123456789abcdef0123456789abcdef", 12)]
    [InlineData("nap/web:latest", null)]
    [InlineData("nap/web:12-", null)]
    [InlineData("nap/web:12-latest", null)]
    [InlineData("nap/web:12-0123456789ABCDEF0123456789ABCDEF", null)]
    [InlineData("nap/web:-0123456789abcdef0123456789abcdef", null)]
    [InlineData("nap/webx:3", null)]
    [InlineData("nap/webx:3-0123456789abcdef0123456789abcdef", null)]
    public void A_release_number_is_read_back_from_a_new_or_an_old_tag_only(string image, int? release) =>
        Assert.Equal(release, ImageName.ReleaseOf("web", image));
}
