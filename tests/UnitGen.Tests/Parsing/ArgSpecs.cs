namespace Nap.UnitGen.Tests.Parsing;

public class ArgSpecs
{
    private static Dictionary<string, string> Args(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void An_arg_default_is_used_in_the_stage()
    {
        var config = Dockerfile.Parse("FROM alpine\nARG PORT=8080\nEXPOSE $PORT\n");

        Assert.Equal(8080, Assert.Single(config.Ports).Port);
    }

    [Fact]
    public void A_build_arg_overrides_the_default()
    {
        var config = Dockerfile.Parse("FROM alpine\nARG PORT=8080\nEXPOSE $PORT\n", Args(("PORT", "9090")));

        Assert.Equal(9090, Assert.Single(config.Ports).Port);
    }

    [Fact]
    public void A_build_arg_is_invisible_until_declared()
    {
        var config = Dockerfile.Parse("FROM alpine\nENV A=x${PORT}x\nARG PORT\nENV B=x${PORT}x\n", Args(("PORT", "1")));

        Assert.Equal([new("A", "xx"), new("B", "x1x")], config.Env);
    }

    [Fact]
    public void A_global_arg_is_usable_in_from_only_unless_redeclared()
    {
        var config = Dockerfile.Parse("""
            ARG VERSION=1.2
            FROM alpine:$VERSION
            ENV BEFORE=[$VERSION]
            ARG VERSION
            ENV AFTER=[$VERSION]
            """);

        Assert.Equal("alpine:1.2", config.BaseImage);
        Assert.Equal([new("BEFORE", "[]"), new("AFTER", "[1.2]")], config.Env);
    }

    [Fact]
    public void A_redeclared_global_arg_takes_the_build_arg_value()
    {
        var config = Dockerfile.Parse("ARG V=1\nFROM alpine\nARG V\nENV V=$V\n", Args(("V", "2")));

        Assert.Equal("2", config.Env.Single().Value);
    }

    [Fact]
    public void Args_are_scoped_to_their_stage()
    {
        var config = Dockerfile.Parse("FROM alpine AS one\nARG X=1\nENV IN_ONE=$X\nFROM one\nENV IN_TWO=[$X]\n");

        Assert.Equal([new("IN_ONE", "1"), new("IN_TWO", "[]")], config.Env);
    }

    [Fact]
    public void An_env_wins_over_an_arg_of_the_same_name()
    {
        var config = Dockerfile.Parse("FROM alpine\nENV X=env\nARG X=arg\nWORKDIR /$X\n");

        Assert.Equal("/env", config.WorkDir);
    }

    [Fact]
    public void One_arg_can_declare_several_names_and_quote_defaults()
    {
        var config = Dockerfile.Parse("FROM alpine\nARG A=1 B=\"two words\" C\nLABEL a=$A b=\"$B\" c=\"${C:-unset}\"\n");

        Assert.Equal([new("a", "1"), new("b", "two words"), new("c", "unset")], config.Labels);
    }

    [Fact]
    public void The_platform_args_exist_in_the_global_scope()
    {
        var config = Dockerfile.Parse("FROM alpine\nARG TARGETOS\nENV OS=$TARGETOS\n");

        Assert.Equal("linux", config.Env.Single().Value);
    }

    [Fact]
    public void Args_are_not_image_environment()
    {
        var config = Dockerfile.Parse("FROM alpine\nARG SECRET=x\n");

        Assert.Empty(config.Env);
    }

    [Fact]
    public void I_get_an_error_for_an_empty_arg()
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse("FROM alpine\nARG\n"));

        Assert.Equal("Dockerfile:2: ARG: needs a name: ARG NAME[=default]", error.Message);
    }
}
