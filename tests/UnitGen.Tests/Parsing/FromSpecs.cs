namespace Nap.UnitGen.Tests.Parsing;

public class FromSpecs
{
    [Fact]
    public void The_last_stage_is_what_runs()
    {
        var config = Dockerfile.Parse("FROM golang:1.22 AS build\nEXPOSE 9999\nCMD [\"go\"]\nFROM alpine:3.20\nCMD [\"/app\"]\n");

        Assert.Equal("alpine:3.20", config.BaseImage);
        Assert.Equal(["/app"], config.Command);
        Assert.Empty(config.Ports);
    }

    [Fact]
    public void I_can_read_the_platform_and_the_stage_name()
    {
        var stages = Dockerfile.ParseStages("FROM --platform=linux/arm64 golang AS Build\nFROM --platform=$BUILDPLATFORM alpine\n");

        Assert.Equal(("build", "linux/arm64", "golang"), (stages[0].Name, stages[0].Platform, stages[0].Config.BaseImage));
        Assert.StartsWith("linux/", stages[1].Platform);
        Assert.Null(stages[1].Name);
    }

    [Fact]
    public void A_stage_built_from_an_earlier_stage_inherits_its_config()
    {
        var config = Dockerfile.Parse("""
            FROM alpine AS base
            ENV A=1
            WORKDIR /srv
            EXPOSE 8080
            USER app
            CMD ["serve"]
            FROM base
            ENV B=2
            """);

        Assert.Equal("base", config.BaseImage);
        Assert.Equal([new("A", "1"), new("B", "2")], config.Env);
        Assert.Equal(("/srv", "app"), (config.WorkDir, config.User));
        Assert.Equal([new Model.ExposedPort(8080)], config.Ports);
        Assert.Equal(["serve"], config.Command);
    }

    [Fact]
    public void A_global_arg_can_choose_the_base_image()
    {
        var text = "ARG VERSION=3.19\nARG IMAGE=alpine:${VERSION}\nFROM $IMAGE\n";

        Assert.Equal("alpine:3.19", Dockerfile.Parse(text).BaseImage);
        Assert.Equal("alpine:3.20", Dockerfile.Parse(text, new Dictionary<string, string> { ["VERSION"] = "3.20" }).BaseImage);
    }

    [Fact]
    public void I_get_an_error_without_a_from()
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse("# just a comment\nARG X=1\n"));

        Assert.Equal("Dockerfile:2: no FROM instruction; a Dockerfile starts with FROM IMAGE (only ARG may come before it)", error.Message);
    }

    [Fact]
    public void I_get_an_error_for_an_empty_file()
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse(""));

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void I_get_an_error_for_an_instruction_before_from()
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse("ENV A=1\nFROM alpine\n"));

        Assert.Equal("Dockerfile:1: ENV: comes before any FROM; only ARG may precede the first FROM, so add FROM IMAGE above it", error.Message);
    }

    [Theory]
    [InlineData("FROM alpine AS", "FROM: needs an image and an optional stage name: FROM IMAGE [AS NAME]")]
    [InlineData("FROM alpine AS 1st", "FROM: \"1st\" is not a valid stage name; start with a letter, then letters, digits, '-', '_' or '.'")]
    [InlineData("FROM $NOPE", "FROM: the image \"$NOPE\" is empty after substitution; give the ARG a default or pass it as a build argument")]
    [InlineData("FROM --platfrom=linux/amd64 alpine", "FROM: unknown flag --platfrom; it takes --platform")]
    public void I_get_an_error_for_a_bad_from(string line, string message)
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse(line));

        Assert.Equal("Dockerfile:1: " + message, error.Message);
    }

    [Fact]
    public void I_get_an_error_for_two_stages_with_one_name()
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse("FROM alpine AS a\nFROM alpine AS A\n"));

        Assert.Equal(2, error.Line);
    }
}
