using Nap.UnitGen.Parsing;
using Nap.UnitGen.RemoteAdds;

namespace Nap.UnitGen.Tests.RemoteAdds;

public class RemoteAddRewriterSpecs
{
    private static string Rewrite(string text) =>
        RemoteAddRewriter.Rewrite(text, RemoteAddFinder.Find(Dockerfile.ParseStages(text)), "nap-add/shop:7");

    [Fact]
    public void An_add_of_a_url_becomes_a_copy_from_the_downloads_on_its_own_line_and_nothing_else_changes()
    {
        var text = "# syntax=docker/dockerfile:1\nFROM alpine\n# fetch\nADD --chown=app:app --chmod=640 --link --checksum=sha256:" + new string('b', 64) + " \\\n    https://example.com/dl/app.jar \\\n    /opt/app/\nRUN java -version\n";

        var rewritten = Rewrite(text);

        Assert.Equal(
            "# syntax=docker/dockerfile:1\nFROM alpine\n# fetch\nCOPY --from=nap-add/shop:7 --chown=\"app:app\" --chmod=\"640\" --link=\"true\" /4.1/app.jar /opt/app/\n\n\nRUN java -version\n",
            rewritten);
    }

    [Fact]
    public void The_rewritten_file_reads_as_the_same_stages_with_the_copy_where_the_add_was()
    {
        var text = "FROM alpine\nARG D=/srv\nADD [\"https://example.com/a.txt\", \"https://example.com/b.txt\", \"$D/my dir/\"]\nCMD [\"sh\"]\n";

        var step = Dockerfile.ParseStages(Rewrite(text))[^1].Steps.Single();

        Assert.Equal(("COPY", 3), (step.Instruction, step.Line));
        Assert.Equal("nap-add/shop:7", step.Flag("from"));
        Assert.Equal(["/3.1/a.txt", "/3.2/b.txt"], step.Sources);
        Assert.Equal("/srv/my dir/", step.Destination);
    }

    [Fact]
    public void Variables_in_flags_and_destination_stay_for_the_engine_to_substitute()
    {
        var rewritten = Rewrite("FROM alpine\nADD --chown=$APP_UID https://example.com/x.tgz $HOME/\n");

        Assert.Equal("FROM alpine\nCOPY --from=nap-add/shop:7 --chown=\"$APP_UID\" /2.1/x.tgz $HOME/\n", rewritten);
    }

    [Fact]
    public void A_flag_value_with_quotes_and_backslashes_reads_back_the_same()
    {
        var text = """
            FROM alpine
            ADD --exclude=a\\\"b https://example.com/x /x
            """;

        var rewritten = Rewrite(text);

        Assert.Equal("a\\\"b", DockerfileParser.Parse(rewritten).Instructions[1].Flags.Single(f => f.Name == "exclude").Value);
        Assert.Equal("a\"b", Dockerfile.ParseStages(rewritten)[^1].Steps.Single().Flag("exclude"));
    }

    [Fact]
    public void Crlf_line_ends_and_a_backtick_escape_are_kept()
    {
        var text = "# escape=`\r\nFROM alpine\r\nADD https://example.com/x `\r\n  /x\r\nRUN echo `\r\n  hi\r\n";

        var rewritten = Rewrite(text);

        Assert.Equal("# escape=`\r\nFROM alpine\r\nCOPY --from=nap-add/shop:7 /3.1/x /x\r\n\r\nRUN echo `\r\n  hi\r\n", rewritten);
        Assert.Equal((5, "echo   hi"), (Dockerfile.ParseStages(rewritten)[^1].Steps[1].Line, Dockerfile.ParseStages(rewritten)[^1].Steps[1].Arguments));
    }
}
