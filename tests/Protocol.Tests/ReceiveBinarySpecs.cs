namespace Nap.Protocol.Tests;

public sealed class ReceiveBinarySpecs : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("nap-receive-binary-").FullName;

    string Config(string json)
    {
        var file = Path.Combine(dir, "napd.json");
        File.WriteAllText(file, json);
        return file;
    }

    [Fact]
    public void Without_napd_json_or_the_setting_it_is_the_default() =>
        Assert.Equal(
            [ReceiveBinary.Default, ReceiveBinary.Default],
            [ReceiveBinary.FromConfig(Path.Combine(dir, "absent.json")), ReceiveBinary.FromConfig(Config("""{ "drainSeconds": 2 }"""))]);

    [Fact]
    public void The_setting_is_read_as_napd_reads_it_comments_and_all() =>
        Assert.Equal("/opt/nap/nap-receive", ReceiveBinary.FromConfig(Config("""
            { // where the package put it
              "receiveBinary": "/opt/nap/nap-receive", }
            """)));

    [Theory]
    [InlineData("""{ "receiveBinary": "nap-receive" }""")]
    [InlineData("""{ "receiveBinary": "/opt/my nap/nap-receive" }""")]
    [InlineData("""{ "receiveBinary": "/opt/nap\"; rm -rf /" }""")]
    [InlineData("""{ "receiveBinary": 7 }""")]
    [InlineData("""{ "receiveBinary": """)]
    public void A_path_that_would_not_be_one_word_in_a_key_line_is_refused_naming_the_file(string json)
    {
        var file = Config(json);

        var error = Assert.Throws<InvalidDataException>(() => ReceiveBinary.FromConfig(file));

        Assert.StartsWith(file + ":", error.Message);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
