namespace Nap.UnitGen.Tests.Parsing;

public class EnvSpecs
{
    [Fact]
    public void I_can_set_several_variables_with_quotes_and_escapes()
    {
        var config = Dockerfile.Parse("FROM alpine\nENV A=1 B=\"v w\" C='x y' D=a\\ b E=\n");

        Assert.Equal([new("A", "1"), new("B", "v w"), new("C", "x y"), new("D", "a b"), new("E", "")], config.Env);
    }

    [Fact]
    public void The_legacy_form_takes_the_rest_of_the_line_as_the_value()
    {
        var config = Dockerfile.Parse("FROM alpine\nENV GREETING hello   big world\n");

        Assert.Equal([new("GREETING", "hello   big world")], config.Env);
    }

    [Fact]
    public void One_env_sees_the_values_from_before_it()
    {
        var config = Dockerfile.Parse("FROM alpine\nENV abc=hello\nENV abc=bye def=$abc\nENV ghi=$abc\n");

        Assert.Equal([new("abc", "bye"), new("def", "hello"), new("ghi", "bye")], config.Env);
    }

    [Fact]
    public void A_redefined_variable_keeps_its_place()
    {
        var config = Dockerfile.Parse("FROM alpine\nENV A=1 B=2\nENV A=3\n");

        Assert.Equal([new("A", "3"), new("B", "2")], config.Env);
    }

    [Fact]
    public void A_path_can_extend_itself()
    {
        var config = Dockerfile.Parse("FROM alpine\nENV PATH=/usr/bin\nENV PATH=/app/bin:$PATH\n");

        Assert.Equal("/app/bin:/usr/bin", config.Env.Single().Value);
    }

    [Theory]
    [InlineData("ENV A", "ENV: \"A\" has no value; write ENV A=VALUE")]
    [InlineData("ENV A=1 B", "ENV: can't find = in \"B\"; write NAME=VALUE (quote values with spaces)")]
    [InlineData("ENV =1", "ENV: a name is empty (value \"1\"); write NAME=VALUE")]
    [InlineData("ENV A=\"open", "ENV: missing closing double quote (\")")]
    public void I_get_an_error_for_a_bad_env(string line, string message)
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse("FROM alpine\n" + line + "\n"));

        Assert.Equal("Dockerfile:2: " + message, error.Message);
    }

    [Fact]
    public void An_env_value_ending_in_an_escaped_backslash_leaves_the_next_env_alone()
    {
        var config = Dockerfile.Parse("FROM alpine\nENV C=trailing\\\\\nENV D=x\n");

        Assert.Equal([new("C", "trailing\\"), new("D", "x")], config.Env);
    }
}
