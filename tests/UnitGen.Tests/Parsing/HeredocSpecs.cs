using Nap.UnitGen.Parsing;

namespace Nap.UnitGen.Tests.Parsing;

public class HeredocSpecs
{
    [Fact]
    public void I_can_read_a_run_heredoc()
    {
        var document = DockerfileParser.Parse("FROM alpine\nRUN <<EOF\napk add curl\necho done\nEOF\nCMD [\"sh\"]\n");

        var run = document.Instructions[1];
        Assert.Equal([new Heredoc("EOF", "apk add curl\necho done\n", Expand: true, StripTabs: false)], run.Heredocs);
        Assert.Equal((2, 5), (run.Line, run.EndLine));
        Assert.Equal(("CMD", 6), (document.Instructions[2].Name, document.Instructions[2].Line));
    }

    [Fact]
    public void A_dash_heredoc_strips_leading_tabs_from_its_lines_and_terminator()
    {
        var document = DockerfileParser.Parse("FROM alpine\nRUN <<-EOT\n\techo one\n\t\techo two\n\tEOT\n");

        Assert.Equal("echo one\necho two\n", document.Instructions[1].Heredocs[0].Content);
        Assert.True(document.Instructions[1].Heredocs[0].StripTabs);
    }

    [Fact]
    public void A_quoted_delimiter_turns_expansion_off()
    {
        var document = DockerfileParser.Parse("FROM alpine\nRUN <<\"EOF\" sh\necho $HOME\nEOF\nRUN <<'X'\nx\nX\n");

        Assert.Equal(("EOF", false, "echo $HOME\n"), (document.Instructions[1].Heredocs[0].Name, document.Instructions[1].Heredocs[0].Expand, document.Instructions[1].Heredocs[0].Content));
        Assert.Equal(("X", false), (document.Instructions[2].Heredocs[0].Name, document.Instructions[2].Heredocs[0].Expand));
    }

    [Fact]
    public void A_backslashed_delimiter_still_expands_as_in_buildkit()
    {
        var heredoc = DockerfileParser.Parse("FROM alpine\nRUN <<\\EOF\necho $HOME\nEOF\n").Instructions[1].Heredocs.Single();

        Assert.Equal(("EOF", true), (heredoc.Name, heredoc.Expand));
    }

    [Fact]
    public void I_can_read_several_heredocs_on_one_line()
    {
        var document = DockerfileParser.Parse("FROM alpine\nRUN <<FILE1 cat > /file1 && <<FILE2 cat > /file2\nI am\nfirst\nFILE1\nI am\nsecond\nFILE2\nEXPOSE 80\n");

        Assert.Equal([("FILE1", "I am\nfirst\n"), ("FILE2", "I am\nsecond\n")], document.Instructions[1].Heredocs.Select(h => (h.Name, h.Content)));
        Assert.Equal(9, document.Instructions[2].Line);
    }

    [Fact]
    public void I_can_copy_a_heredoc_into_a_file()
    {
        var stage = Dockerfile.ParseStages("FROM alpine\nCOPY <<EOF /etc/motd\nhello\nEOF\n")[^1];

        var step = Assert.Single(stage.Steps);
        Assert.Equal(("COPY", "<<EOF /etc/motd"), (step.Instruction, step.Arguments));
        Assert.Equal("hello\n", Assert.Single(step.Heredocs).Content);
    }

    [Fact]
    public void Heredoc_lines_that_look_like_instructions_or_comments_are_content()
    {
        var document = DockerfileParser.Parse("FROM alpine\nRUN <<EOF\n# not a comment\nFROM nothing\nEOF\n");

        Assert.Equal(2, document.Instructions.Count);
        Assert.Equal("# not a comment\nFROM nothing\n", document.Instructions[1].Heredocs[0].Content);
    }

    [Fact]
    public void A_heredoc_in_an_onbuild_trigger_is_read_too()
    {
        var config = Dockerfile.Parse("FROM alpine\nONBUILD RUN <<EOF\nmake\nEOF\n");

        Assert.Equal(["RUN <<EOF\nmake\nEOF"], config.OnBuild);
    }

    [Fact]
    public void Shift_operators_and_exec_forms_are_not_heredocs()
    {
        var document = DockerfileParser.Parse("FROM alpine\nRUN echo $((1<<3))\nRUN [\"sh\", \"-c\", \"cat <<EOF\"]\nCMD [\"sh\"]\n");

        Assert.All(document.Instructions, i => Assert.Empty(i.Heredocs));
        Assert.Equal(4, document.Instructions.Count);
    }

    [Fact]
    public void I_get_an_error_for_an_unterminated_heredoc()
    {
        var error = Assert.Throws<DockerfileException>(() => DockerfileParser.Parse("FROM alpine\nRUN <<EOF\necho hi\n"));

        Assert.Equal("Dockerfile:2: RUN: unterminated heredoc <<EOF; end it with a line holding only EOF", error.Message);
    }
}
