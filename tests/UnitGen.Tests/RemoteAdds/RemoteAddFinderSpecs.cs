using Nap.UnitGen.RemoteAdds;

namespace Nap.UnitGen.Tests.RemoteAdds;

public class RemoteAddFinderSpecs
{
    private static IReadOnlyList<RemoteAdd> Find(string text) => RemoteAddFinder.Find(Dockerfile.ParseStages(text));

    private static DockerfileException Refusal(string add, string prelude = "") =>
        Assert.Throws<DockerfileException>(() => Find($"FROM alpine\n{prelude}{add}\n"));

    [Fact]
    public void I_get_every_add_of_urls_in_every_stage_with_its_line_and_file_names()
    {
        var adds = Find("""
            ARG V=1.2
            FROM alpine AS build
            ARG V
            ADD https://example.com/dl/tool-${V}.tar.gz /opt/
            COPY . /src
            FROM alpine
            ADD http://example.com/ https://example.com/a%2Bb/ /www/
            ADD app.tar.gz /app/
            """);

        Assert.Equal([4, 7], adds.Select(a => a.Line));
        Assert.Equal([new RemoteFile("https://example.com/dl/tool-1.2.tar.gz", "tool-1.2.tar.gz")], adds[0].Files);
        Assert.Equal(["__unnamed__", "a+b"], adds[1].Files.Select(f => f.Name));
        Assert.Equal(["/7.1/__unnamed__", "/7.2/a+b"], [adds[1].PathOf(0), adds[1].PathOf(1)]);
    }

    [Fact]
    public void The_checksum_comes_along_substituted()
    {
        var digest = "sha256:" + new string('a', 64);

        Assert.Equal(digest, Find($"FROM alpine\nARG SUM={digest}\nADD --checksum=$SUM https://example.com/x /x\n").Single().Checksum);
    }

    [Fact]
    public void A_dockerfile_without_urls_has_none() =>
        Assert.Empty(Find("FROM alpine\nADD x.tgz /opt/\nCOPY --from=alpine /etc/os-release /\n"));

    [Theory]
    [InlineData("ADD https://github.com/moby/buildkit.git#v0.13.0 /src", "https://github.com/moby/buildkit.git#v0.13.0 is a git repository")]
    [InlineData("ADD git@github.com:moby/buildkit.git /src", "git@github.com:moby/buildkit.git is a git repository")]
    [InlineData("ADD git://127.0.0.1/repo /src", "git://127.0.0.1/repo is a git repository")]
    [InlineData("ADD ssh://git@10.0.0.1/repo /src", "ssh://git@10.0.0.1/repo is a git repository")]
    [InlineData("ADD ftp://example.com/x /x", "ftp://example.com/x is a git repository")]
    [InlineData("ADD https://example.com/a local.txt /x/", "mixes URLs with local files")]
    [InlineData("ADD --unpack=true https://example.com/a.tar.gz /x/", "--unpack of a URL")]
    [InlineData("ADD --checksum=sha256:abc https://example.com/a /a", "--checksum=\"sha256:abc\" is not a digest")]
    [InlineData("ADD https://example.com/a%20b.txt /x/", "the file name \"a b.txt\" of https://example.com/a%20b.txt is not one nap copies")]
    [InlineData("ADD https://example.com/x%24y.txt /x/", "the file name \"x$y.txt\"")]
    [InlineData("ADD https://example.com/* /x/", "the file name \"*\"")]
    [InlineData("ADD http:/// /x", "http:/// is not a URL napd can fetch")]
    public void An_add_napd_cannot_fetch_exactly_is_refused_with_its_line(string add, string reason)
    {
        var error = Refusal(add);

        Assert.Equal(2, error.Line);
        Assert.Contains("Dockerfile:2: ADD: " + reason, error.Message);
    }

    [Theory]
    [InlineData("ADD ${MIRROR}/x.tgz /x/", "MIRROR")]
    [InlineData("ADD https://example.com/$V/x.tgz /x/", "V")]
    [InlineData("ADD local.tgz $MAYBE_URL /x/", "MAYBE_URL")]
    public void A_source_made_of_a_variable_only_the_base_image_could_define_is_refused(string add, string variable) =>
        Assert.Contains($"the source uses ${variable}, which nothing in this Dockerfile defines", Refusal(add, "ENV A=1\n").Message);

    [Fact]
    public void A_destination_may_use_the_base_images_variables() =>
        Assert.Equal("x.tgz", Find("FROM alpine\nADD https://example.com/x.tgz $HOME/\n").Single().Files.Single().Name);

    [Fact]
    public void A_checksum_for_two_urls_is_refused_as_buildkit_does() =>
        Assert.Contains("--checksum can't be specified for multiple sources", Refusal($"ADD --checksum=sha256:{new string('a', 64)} https://e.com/a https://e.com/b /x/").Message);

    [Fact]
    public void A_here_document_beside_a_url_is_refused() =>
        Assert.Contains("mixes URLs with local files or here-documents", Refusal("ADD https://e.com/a <<EOF /x/\nhi\nEOF").Message);
}
