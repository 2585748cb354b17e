using Nap.UnitGen.Rendering;

namespace Nap.UnitGen.Tests.Rendering;

public class VolumeNameSpecs
{
    [Theory]
    [InlineData("/data", "data")]
    [InlineData("/var/lib/postgresql/data/", "var-lib-postgresql-data")]
    [InlineData("/my-db", "my_2ddb")]
    [InlineData("/a/b", "a-b")]
    [InlineData("/my_files", "my__files")]
    [InlineData("/with space", "with_20space")]
    [InlineData("/..", "_2e.")]
    [InlineData("/.cache", "_2ecache")]
    [InlineData("/", "_")]
    public void A_volume_directory_is_named_after_its_path(string path, string name) =>
        Assert.Equal(name, VolumeName.For(path));

    [Fact]
    public void Two_paths_never_share_a_directory()
    {
        string[] paths = ["/a-b", "/a/b", "/a--b", "/a_b", "/a_2db", "/a-/b", "/a/-b", "/a.b", "/a/.b"];

        Assert.Equal(paths.Length, paths.Select(VolumeName.For).Distinct().Count());
    }
}
