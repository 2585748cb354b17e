using Nap.UnitGen.Parsing;

namespace Nap.UnitGen.Tests.Parsing;

public class LineSpecs
{
    [Fact]
    public void Comments_and_blank_lines_are_skipped_and_lines_are_numbered_from_one()
    {
        var document = DockerfileParser.Parse("# comment\n\nFROM alpine\n   # indented comment\nRUN echo # not a comment\n");

        Assert.Equal([("FROM", 3), ("RUN", 5)], document.Instructions.Select(i => (i.Name, i.Line)));
        Assert.Equal("echo # not a comment", document.Instructions[1].Arguments);
    }

    [Fact]
    public void Instruction_names_are_case_insensitive()
    {
        var document = DockerfileParser.Parse("from alpine\nExPoSe 80\n");

        Assert.Equal(["FROM", "EXPOSE"], document.Instructions.Select(i => i.Name));
    }

    [Fact]
    public void Continuation_lines_are_joined_and_keep_their_indentation()
    {
        var document = DockerfileParser.Parse("FROM alpine\nRUN apk add \\\n    curl \\  \n    git\nCMD [\"sh\"]\n");

        var run = document.Instructions[1];
        Assert.Equal("apk add     curl     git", run.Arguments);
        Assert.Equal((2, 4), (run.Line, run.EndLine));
        Assert.Equal(5, document.Instructions[2].Line);
    }

    [Fact]
    public void Comment_and_empty_lines_inside_a_continuation_are_skipped()
    {
        var document = DockerfileParser.Parse("FROM alpine\nRUN apk add \\\n# the web client\n    curl \\\n\n   \n    git\n");

        Assert.Equal("apk add     curl     git", document.Instructions[1].Arguments);
        Assert.Equal(2, document.Instructions.Count);
    }

    [Fact]
    public void Windows_line_endings_and_a_byte_order_mark_are_accepted()
    {
        var document = DockerfileParser.Parse("\uFEFFFROM alpine\r\nRUN echo \\\r\n  hi\r\n");

        Assert.Equal("FROM", document.Instructions[0].Name);
        Assert.Equal("echo   hi", document.Instructions[1].Arguments);
    }

    [Fact]
    public void A_continuation_at_the_end_of_the_file_ends_the_instruction()
    {
        var document = DockerfileParser.Parse("FROM alpine\nRUN echo hi \\\n");

        Assert.Equal("echo hi", document.Instructions[1].Arguments);
    }

    [Fact]
    public void I_get_an_error_naming_an_unknown_instruction_and_its_likely_fix()
    {
        var error = Assert.Throws<DockerfileException>(() => DockerfileParser.Parse("FROM alpine\n\nCOPPY . /app\n"));

        Assert.Equal(3, error.Line);
        Assert.Equal("Dockerfile:3: COPPY: unknown instruction; did you mean COPY?", error.Message);
    }

    [Fact]
    public void A_line_ending_in_an_escaped_backslash_does_not_continue()
    {
        var document = DockerfileParser.Parse("FROM alpine\nENV C=trailing\\\\\nENV D=x\n");

        Assert.Equal([("ENV", "C=trailing\\\\", 2), ("ENV", "D=x", 3)], document.Instructions.Skip(1).Select(i => (i.Name, i.Arguments, i.Line)));
    }

    [Fact]
    public void A_line_ending_in_an_escaped_backtick_does_not_continue_under_the_backtick_escape()
    {
        var document = DockerfileParser.Parse("# escape=`\nFROM alpine\nENV C=trailing``\nENV D=x `\n  E=y\n");

        Assert.Equal(["C=trailing``", "D=x   E=y"], document.Instructions.Skip(1).Select(i => i.Arguments));
    }

    [Fact]
    public void A_lone_escape_on_a_line_still_continues()
    {
        var document = DockerfileParser.Parse("FROM alpine\nENV E hello\\\n\\\nworld\n");

        Assert.Equal("E helloworld", document.Instructions[1].Arguments);
    }

    // 8 bytes of "LABEL a=" plus the value; docker's scanner holds 65535 bytes a line, its \r and a BOM included.
    [Theory]
    [InlineData("", 65527, "\n", true)]
    [InlineData("", 65528, "\n", false)]
    [InlineData("", 65528, "", false)]
    [InlineData("", 65527, "\r\n", false)]
    [InlineData("\uFEFF", 65524, "\n", true)]
    [InlineData("\uFEFF", 65525, "\n", false)]
    public void A_line_over_65535_bytes_is_refused_like_docker_refuses_it(string bom, int length, string newline, bool accepted)
    {
        var label = "LABEL a=" + new string('x', length) + newline;
        var text = bom == "" ? "FROM alpine\n" + label : bom + label.Replace("LABEL", "#LABE", StringComparison.Ordinal) + "FROM alpine\n";

        var error = Record.Exception(() => DockerfileParser.Parse(text));

        Assert.Equal(accepted, error is null);
        if (!accepted)
            Assert.Matches(@"^Dockerfile:[12]: the line is 6553[6-9] bytes long and docker reads at most 65535; split it with continuation lines or move the data into a file$", error!.Message);
    }

    [Fact]
    public void Bytes_not_characters_are_counted_for_the_line_limit()
    {
        var error = Assert.Throws<DockerfileException>(() => DockerfileParser.Parse("FROM alpine\nLABEL a=" + new string('é', 32764) + "\n"));

        Assert.Equal((2, "the line is 65536 bytes long and docker reads at most 65535; split it with continuation lines or move the data into a file"), (error.Line, error.Detail));
    }
}
