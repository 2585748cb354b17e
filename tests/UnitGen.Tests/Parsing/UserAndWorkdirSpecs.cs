namespace Nap.UnitGen.Tests.Parsing;

public class UserAndWorkdirSpecs
{
    [Theory]
    [InlineData("USER app", "app")]
    [InlineData("USER 1000", "1000")]
    [InlineData("USER 1000:1000", "1000:1000")]
    [InlineData("USER app:staff", "app:staff")]
    [InlineData("USER ${UID}:${GID}", "10001:10001")]
    public void I_can_set_the_user(string line, string expected) =>
        Assert.Equal(expected, Dockerfile.Parse($"FROM alpine\nARG UID=10001 GID=10001\n{line}\n").User);

    [Fact]
    public void The_user_is_null_when_never_set() =>
        Assert.Null(Dockerfile.Parse("FROM alpine\n").User);

    [Fact]
    public void A_user_from_the_base_images_environment_is_left_to_docker()
    {
        var config = Dockerfile.Parse("FROM mcr.microsoft.com/dotnet/aspnet:8.0\nUSER $APP_UID\n");

        Assert.Null(config.User);
        Assert.Equal(["APP_UID"], config.UnresolvedVariables);
    }

    [Theory]
    [InlineData("USER a b")]
    [InlineData("USER a:b:c")]
    [InlineData("USER \"\"")]
    public void I_get_an_error_for_a_bad_user(string line)
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse($"FROM alpine\n{line}\n"));

        Assert.StartsWith("Dockerfile:2: USER: \"", error.Message);
    }

    [Fact]
    public void A_relative_workdir_continues_the_previous_one()
    {
        var config = Dockerfile.Parse("FROM alpine\nWORKDIR /a\nWORKDIR b\nWORKDIR c/../d/\n");

        Assert.Equal("/a/b/d", config.WorkDir);
    }

    [Fact]
    public void A_first_relative_workdir_starts_at_the_root() =>
        Assert.Equal("/app", Dockerfile.Parse("FROM alpine\nWORKDIR app\n").WorkDir);

    [Fact]
    public void The_workdir_is_null_when_never_set() =>
        Assert.Null(Dockerfile.Parse("FROM alpine\nRUN true\n").WorkDir);

    [Fact]
    public void A_workdir_can_use_variables() =>
        Assert.Equal("/home/app/src", Dockerfile.Parse("FROM alpine\nENV HOME=/home/app\nWORKDIR $HOME/src\n").WorkDir);

    [Fact]
    public void A_windows_workdir_stays_as_written() =>
        Assert.Equal(@"C:\app", Dockerfile.Parse("# escape=`\nFROM mcr.microsoft.com/windows/nanoserver\nWORKDIR C:\\app\n").WorkDir);

    [Fact]
    public void A_user_ending_in_an_escaped_backslash_keeps_one_backslash() =>
        Assert.Equal("hello\\", Dockerfile.Parse("FROM alpine\nUSER hello\\\\\nEXPOSE 80\n").User);
}
