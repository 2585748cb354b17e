namespace Nap.UnitGen.Tests.Parsing;

/// <summary>
/// ONBUILD ADD runs in whoever builds FROM the image, where napd does not fetch for it: a remote source there is
/// refused where it is written (issue 21).
/// </summary>
public class OnBuildAddSpecs
{
    [Theory]
    [InlineData("ONBUILD ADD http://127.0.0.1:8099/ /loot")]
    [InlineData("ONBUILD ADD [\"https://169.254.169.254/latest/meta-data/\", \"/loot\"]")]
    [InlineData("ONBUILD ADD git@10.0.0.2:repo.git /src")]
    [InlineData("ONBUILD ADD $URL /loot")]
    [InlineData("ONBUILD ADD http${REST} /loot")]
    public void A_remote_or_unknowable_source_in_onbuild_add_is_refused_with_its_line(string trigger)
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse($"FROM alpine\nWORKDIR /app\n{trigger}\n"));

        Assert.Equal(3, error.Line);
        Assert.Contains("could have the engine of whoever builds FROM this image fetch a URL", error.Message);
    }

    [Fact]
    public void A_url_spelled_with_the_stages_own_variables_is_seen_through() =>
        Assert.Throws<DockerfileException>(() => Dockerfile.Parse("FROM alpine\nENV H=127.0.0.1\nONBUILD ADD http://$H/ /loot\n"));

    [Fact]
    public void A_local_onbuild_add_is_kept() =>
        Assert.Equal(["ADD app.tar.gz /app/"], Dockerfile.Parse("FROM alpine\nONBUILD ADD app.tar.gz /app/\n").OnBuild);
}
