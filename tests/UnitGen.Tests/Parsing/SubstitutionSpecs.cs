namespace Nap.UnitGen.Tests.Parsing;

public class SubstitutionSpecs
{
    private static string Expand(string word, string env = "ENV SET=value EMPTY=\"\"") =>
        Dockerfile.Parse($"FROM alpine\n{env}\nLABEL x={word}\n").Labels.Single(l => l.Key == "x").Value;

    [Theory]
    [InlineData("$SET", "value")]
    [InlineData("${SET}", "value")]
    [InlineData("a${SET}b", "avalueb")]
    [InlineData("$SET.x", "value.x")]
    [InlineData("$UNSET", "")]
    [InlineData("${UNSET:-default}", "default")]
    [InlineData("${EMPTY:-default}", "default")]
    [InlineData("${EMPTY-default}", "")]
    [InlineData("${UNSET-default}", "default")]
    [InlineData("${SET:-default}", "value")]
    [InlineData("${SET:+other}", "other")]
    [InlineData("${EMPTY:+other}", "")]
    [InlineData("${EMPTY+other}", "other")]
    [InlineData("${UNSET+other}", "")]
    [InlineData("${UNSET:-${SET}}", "value")]
    [InlineData("\\$SET", "$SET")]
    [InlineData("'$SET'", "$SET")]
    [InlineData("\"$SET\"", "value")]
    [InlineData("\"\\$SET\"", "$SET")]
    [InlineData("$", "$")]
    [InlineData("100%", "100%")]
    [InlineData("${SET#val}", "ue")]
    [InlineData("${SET%u*}", "val")]
    [InlineData("${SET/a/A}", "vAlue")]
    public void I_can_substitute_variables_like_docker(string word, string expected) =>
        Assert.Equal(expected, Expand(word));

    [Fact]
    public void The_backtick_escape_protects_a_dollar()
    {
        var config = Dockerfile.Parse("# escape=`\nFROM alpine\nENV A=1\nLABEL x=`$A y=$A\n");

        Assert.Equal([new("x", "$A"), new("y", "1")], config.Labels);
    }

    [Fact]
    public void Run_cmd_and_entrypoint_are_not_substituted()
    {
        var stage = Dockerfile.ParseStages("FROM alpine\nENV A=1\nRUN echo $A\nENTRYPOINT [\"echo\", \"$A\"]\nCMD echo ${A}\n")[^1];

        Assert.Equal("echo $A", stage.Steps.Single().Arguments);
        Assert.Equal(["echo", "$A"], stage.Config.Entrypoint);
        Assert.Equal(["/bin/sh", "-c", "echo ${A}"], stage.Config.Cmd);
    }

    [Theory]
    [InlineData("${SET", "LABEL: syntax error: missing '}'")]
    [InlineData("${}", "LABEL: syntax error: bad substitution")]
    [InlineData("${:-x}", "LABEL: syntax error: bad substitution")]
    [InlineData("${SET:=x}", "LABEL: unsupported modifier (:=) in substitution; use :-, :+ or :?")]
    [InlineData("\"${UNSET:?must be set}\"", "LABEL: UNSET: must be set")]
    [InlineData("${UNSET?}", "LABEL: UNSET: is not allowed to be unset")]
    [InlineData("${SET#[z-a]}", "LABEL: bad pattern in substitution; check its [...] ranges")]
    public void I_get_an_error_for_a_bad_substitution(string word, string message)
    {
        var error = Assert.Throws<DockerfileException>(() => Expand(word));

        Assert.Equal("Dockerfile:3: " + message, error.Message);
    }
}
