using Nap.UnitGen.Parsing;

namespace Nap.UnitGen.Tests.Parsing;

public class DirectiveSpecs
{
    [Fact]
    public void I_can_read_the_syntax_and_escape_directives_at_the_top()
    {
        var document = DockerfileParser.Parse("# syntax=docker/dockerfile:1.7\n#escape = `\nFROM alpine\n");

        Assert.Equal("docker/dockerfile:1.7", document.Directive("syntax"));
        Assert.Equal('`', document.EscapeChar);
        Assert.Equal([new ParserDirective("syntax", "docker/dockerfile:1.7", 1), new ParserDirective("escape", "`", 2)], document.Directives);
    }

    [Fact]
    public void A_directive_indented_with_blanks_still_counts()
    {
        var document = DockerfileParser.Parse("   # escape=`\n\t# syntax=docker/dockerfile:1\nFROM alpine\nRUN echo `\n  hi\n");

        Assert.Equal('`', document.EscapeChar);
        Assert.Equal("docker/dockerfile:1", document.Directive("syntax"));
        Assert.Equal("echo   hi", document.Instructions[1].Arguments);
    }

    [Fact]
    public void A_directive_after_a_comment_is_only_a_comment()
    {
        var document = DockerfileParser.Parse("# a comment\n# escape=`\nFROM alpine\n");

        Assert.Empty(document.Directives);
        Assert.Equal('\\', document.EscapeChar);
    }

    [Fact]
    public void A_directive_after_a_blank_line_is_only_a_comment()
    {
        var document = DockerfileParser.Parse("\n# escape=`\nFROM alpine\n");

        Assert.Equal('\\', document.EscapeChar);
    }

    [Fact]
    public void A_directive_after_an_instruction_is_only_a_comment()
    {
        var document = DockerfileParser.Parse("FROM alpine\n# escape=`\nRUN echo \\\n  hi\n");

        Assert.Empty(document.Directives);
        Assert.Equal("echo   hi", document.Instructions[1].Arguments);
    }

    [Fact]
    public void An_unknown_directive_ends_the_directives()
    {
        var document = DockerfileParser.Parse("# foo=bar\n# escape=`\nFROM alpine\n");

        Assert.Empty(document.Directives);
        Assert.Equal('\\', document.EscapeChar);
    }

    [Fact]
    public void The_backtick_escape_continues_lines_and_leaves_backslashes_alone()
    {
        var document = DockerfileParser.Parse("# escape=`\nFROM mcr.microsoft.com/windows/servercore\nWORKDIR C:\\app\nRUN dir c:\\ `\n    && echo done\n");

        Assert.Equal(@"C:\app", document.Instructions[1].Arguments);
        Assert.Equal(@"dir c:\     && echo done", document.Instructions[2].Arguments);
    }

    [Fact]
    public void I_get_an_error_for_a_bad_escape_character()
    {
        var error = Assert.Throws<DockerfileException>(() => DockerfileParser.Parse("# escape=x\nFROM alpine\n"));

        Assert.Equal(1, error.Line);
        Assert.Equal("Dockerfile:1: invalid escape character \"x\"; use \\ or `", error.Message);
    }

    [Fact]
    public void I_get_an_error_for_a_repeated_directive()
    {
        var error = Assert.Throws<DockerfileException>(() => DockerfileParser.Parse("# escape=`\n# escape=\\\nFROM alpine\n"));

        Assert.Equal(2, error.Line);
    }
}
