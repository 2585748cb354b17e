namespace Nap.UnitGen.Tests.Parsing;

public class VolumeSpecs
{
    [Fact]
    public void I_can_declare_volumes_in_json_and_plain_form()
    {
        var config = Dockerfile.Parse("FROM alpine\nENV D=/srv/data\nVOLUME [\"/var/lib/db\", \"/var/log/db\"]\nVOLUME /cache $D\nVOLUME /cache/\n");

        Assert.Equal(["/var/lib/db", "/var/log/db", "/cache", "/srv/data"], config.Volumes);
    }

    [Fact]
    public void A_volume_path_may_hold_a_space_in_json_form()
    {
        var config = Dockerfile.Parse("FROM alpine\nVOLUME [\"/my data\"]\n");

        Assert.Equal(["/my data"], config.Volumes);
    }

    [Theory]
    [InlineData("VOLUME data", "VOLUME: \"data\" is not an absolute path; write /data")]
    [InlineData("VOLUME [\"\"]", "VOLUME: a path is empty; write VOLUME /data")]
    [InlineData("VOLUME ['/data']", "VOLUME: ['/data'] is not valid JSON; write the exec form with double quotes, e.g. [\"/bin/app\", \"arg\"]")]
    public void I_get_an_error_for_a_bad_volume(string line, string message)
    {
        var error = Assert.Throws<DockerfileException>(() => Dockerfile.Parse($"FROM alpine\n{line}\n"));

        Assert.Equal("Dockerfile:2: " + message, error.Message);
    }
}
