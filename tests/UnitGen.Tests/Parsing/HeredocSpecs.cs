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

    [Theory]
    [InlineData("RUN << EOF")]
    [InlineData("RUN <<  EOF")]
    [InlineData("RUN <<\tEOF  > /tmp/out")]
    [InlineData("ONBUILD RUN << EOF")]
    public void A_heredoc_with_blanks_after_the_arrows_is_read_so_its_lines_are_no_instructions(string line)
    {
        var config = Dockerfile.Parse($"FROM alpine\n{line}\nUSER evil\nEOF\nUSER app\n");

        Assert.Equal("app", config.User);
        var heredoc = DockerfileParser.Parse($"FROM alpine\n{line}\nUSER evil\nEOF\n").Instructions[1].Heredocs.Single();
        Assert.Equal(("EOF", "USER evil\n"), (heredoc.Name, heredoc.Content));
    }

    [Fact]
    public void A_dash_after_a_blank_belongs_to_the_delimiter()
    {
        var heredoc = DockerfileParser.Parse("FROM alpine\nRUN << -EOF\n\tUSER evil\n-EOF\n").Instructions[1].Heredocs.Single();

        Assert.Equal(new Heredoc("-EOF", "\tUSER evil\n", Expand: true, StripTabs: false), heredoc);
    }

    [Fact]
    public void A_blank_between_the_dash_and_the_delimiter_is_refused_because_docker_reads_no_heredoc_there()
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse("FROM alpine\nRUN <<- EOF\n\tUSER evil\n\tEOF\n"));

        Assert.Equal("Dockerfile:2: RUN: docker reads no heredoc from \"<<- EOF\" and would run the lines below as instructions; write <<-EOF without the blank", error.Message);
    }

    [Theory]
    [InlineData("RUN <<'EOF", "missing closing single quote (')")]
    [InlineData("RUN <<\"EOF", "missing closing double quote (\")")]
    [InlineData("RUN <<EOF sh -c 'echo", "missing closing single quote (')")]
    public void An_unterminated_quote_is_refused_because_docker_then_reads_no_heredoc(string line, string reason)
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse($"FROM alpine\n{line}\nUSER evil\nEOF\n"));

        Assert.Equal($"Dockerfile:2: RUN: docker cannot split this line into words: {reason}; fix that first, or docker reads no heredoc here and runs the lines below as instructions", error.Message);
    }

    // The exec form carries no heredoc body, but buildkit checks its destination all the same.
    [Theory]
    [InlineData("COPY /foo <<EOF\nhello\nEOF")]
    [InlineData("ADD /foo <<-EOF\nhello\nEOF")]
    [InlineData("COPY [\"/foo\", \"<<EOF\"]")]
    public void A_heredoc_as_the_destination_of_copy_or_add_is_refused(string line)
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse($"FROM alpine\n{line}\n"));

        Assert.EndsWith("a heredoc cannot be the destination; name the file last, e.g. " + line[..line.IndexOf(' ')] + " <<EOF /etc/motd", error.Message);
    }

    [Fact]
    public void Copy_refuses_a_heredoc_with_a_blank_because_it_would_copy_files_named_after_the_words()
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse("FROM alpine\nCOPY << EOF /etc/motd\nhello\nEOF\n"));

        Assert.Equal("Dockerfile:2: COPY: docker reads the heredoc \"<< EOF\" but COPY splits it at the blank into file names; write it as one word, e.g. <<EOF", error.Message);
    }

    [Theory]
    [InlineData("<<eo'f'", "eof", false)]
    [InlineData("<<eo\\'f", "eo'f", true)]
    [InlineData("<<'e'o\\'f", "eo'f", false)]
    [InlineData("<<'one two'", "one two", false)]
    [InlineData("<<$EOF", "$EOF", true)]
    public void Only_a_quote_the_lexer_removes_turns_expansion_off(string word, string name, bool expand)
    {
        var heredoc = DockerfileParser.Parse($"FROM alpine\nRUN {word}\necho foo\n{name}\n").Instructions[1].Heredocs.Single();

        Assert.Equal((name, expand), (heredoc.Name, heredoc.Expand));
    }
}
