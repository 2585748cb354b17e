using Nap.Deployer.Unix;

namespace Nap.Deployer.Tests.Unix;

public sealed class PrivateFileSpecs : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("nap-private-").FullName;

    string PathOf(string name) => Path.Combine(dir, "sub", name);

    [Fact]
    public void A_file_is_created_with_its_final_mode_and_replaced_whole()
    {
        PrivateFile.Write(PathOf("env"), "A=1\n");
        PrivateFile.Write(PathOf("env"), "B=2\n");

        Assert.Equal("B=2\n", File.ReadAllText(PathOf("env")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("env")));
        Assert.Equal(["env"], Directory.GetFiles(Path.Combine(dir, "sub")).Select(Path.GetFileName));
    }

    [Fact]
    public void Ensure_exists_creates_an_empty_private_file_once()
    {
        PrivateFile.EnsureExists(PathOf("env"));
        File.AppendAllText(PathOf("env"), "A=1\n");

        PrivateFile.EnsureExists(PathOf("env"));

        Assert.Equal("A=1\n", File.ReadAllText(PathOf("env")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("env")));
    }

    [Fact]
    public async Task A_failed_write_leaves_the_old_file_and_no_temp_file()
    {
        PrivateFile.Write(PathOf("app.json"), "old");

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PrivateFile.WriteAsync(PathOf("app.json"), _ => throw new InvalidOperationException("disk full"), default));

        Assert.Equal("old", File.ReadAllText(PathOf("app.json")));
        Assert.Equal(["app.json"], Directory.GetFiles(Path.Combine(dir, "sub")).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
