using Nap.Deployer.Repos;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Repos;

public sealed class SourceFilesSpecs : IDisposable
{
    readonly TestDir dir = new();

    [Fact]
    public void A_file_of_the_tree_is_read()
    {
        var tree = dir.Sub("src");
        File.WriteAllText(Path.Combine(tree, "Dockerfile"), "FROM scratch\n");

        Assert.Equal("FROM scratch\n", SourceFiles.ReadText(tree, "Dockerfile"));
    }

    [Fact]
    public void A_symlink_within_the_tree_is_followed()
    {
        var tree = dir.Sub("src");
        File.WriteAllText(Path.Combine(dir.Sub("src/docker"), "web.Dockerfile"), "FROM scratch\n");
        File.CreateSymbolicLink(Path.Combine(tree, "Dockerfile"), "docker/web.Dockerfile");

        Assert.Equal("FROM scratch\n", SourceFiles.ReadText(tree, "Dockerfile"));
    }

    [Theory]
    [InlineData("/etc/hostname")]
    [InlineData("../secret")]
    [InlineData("/nonexistent/file")]
    public void A_symlink_leading_out_of_the_tree_is_refused_without_reading_it(string target)
    {
        var tree = dir.Sub("src");
        File.WriteAllText(Path.Combine(dir.Path, "secret"), "root-only");
        File.CreateSymbolicLink(Path.Combine(tree, "Dockerfile"), target);

        var error = Assert.Throws<InvalidDataException>(() => SourceFiles.ReadText(tree, "Dockerfile"));

        Assert.Contains("leads outside", error.Message);
        Assert.DoesNotContain("root-only", error.Message);
    }

    [Fact]
    public void A_file_larger_than_the_hosts_limit_is_refused_before_it_is_read()
    {
        var tree = dir.Sub("src");
        File.WriteAllText(Path.Combine(tree, "Dockerfile"), "FROM scratch\n" + new string('#', 300 * 1024));

        var error = Assert.Throws<InvalidDataException>(() => SourceFiles.ReadText(tree, "Dockerfile", 256 * 1024));

        Assert.Equal("Dockerfile is 300 KB, more than this host takes (256 KB, limits.dockerfileKilobytes in /etc/nap/napd.json)", error.Message);
    }

    [Fact]
    public void A_missing_file_is_null() => Assert.Null(SourceFiles.ReadText(dir.Sub("src"), "Dockerfile"));

    [Fact]
    public void A_directory_is_not_a_file()
    {
        var tree = dir.Sub("src");
        dir.Sub("src/Dockerfile");

        Assert.Throws<InvalidDataException>(() => SourceFiles.ReadText(tree, "Dockerfile"));
    }

    public void Dispose() => dir.Dispose();
}
