namespace Nap.Protocol.Tests;

/// <summary>The one format `nap keys` writes and napd reads (it used to be two parsers that disagreed).</summary>
public sealed class AuthorizedKeyLineSpecs
{
    const string Key = "AAAAC3NzaC1lZDI1NTE5AAAAIGx";

    [Fact]
    public void A_line_written_with_any_receive_binary_reads_back_as_the_same_key()
    {
        var key = new AuthorizedKeyLine("alice", Admin: true, "ssh-ed25519", Key);

        var line = key.ToLine("/opt/nap/bin/nap-receive");

        Assert.Equal($"""command="/opt/nap/bin/nap-receive --key alice --admin",restrict ssh-ed25519 {Key} alice""", line);
        Assert.Equal(key, AuthorizedKeyLine.Parse(line));
    }

    [Fact]
    public void The_comment_does_not_name_a_key_the_command_does()
    {
        var key = AuthorizedKeyLine.Parse($"""command="/usr/local/bin/nap-receive --key alice",restrict ssh-ed25519 {Key} boss --admin""");

        Assert.Equal(new AuthorizedKeyLine("alice", false, "ssh-ed25519", Key), key);
    }

    [Fact]
    public void The_command_may_stand_among_other_options_an_admin_added()
    {
        var key = AuthorizedKeyLine.Parse($"""from="10.0.0.0/8",command="/usr/local/bin/nap-receive --key bob",restrict,no-pty ssh-ed25519 {Key} bob""");

        Assert.Equal("bob", key?.Name);
    }

    [Theory]
    [InlineData($"ssh-ed25519 {Key} alice")]
    [InlineData($"""command="/usr/local/bin/nap-receive",restrict ssh-ed25519 {Key} alice""")]
    [InlineData($"""command="/usr/local/bin/nap-receive --key ../x",restrict ssh-ed25519 {Key} x""")]
    [InlineData($"""command="--key alice",restrict ssh-ed25519 {Key} alice""")]
    [InlineData($"# command=\"/usr/local/bin/nap-receive --key alice\" ssh-ed25519 {Key} alice")]
    [InlineData("")]
    public void Lines_without_a_valid_nap_command_are_no_keys(string line) =>
        Assert.Null(AuthorizedKeyLine.Parse(line));

    [Fact]
    public void A_file_counts_the_first_line_of_each_name()
    {
        var text = string.Join('\n',
            new AuthorizedKeyLine("alice", false, "ssh-ed25519", Key).ToLine(ReceiveBinary.Default),
            "# a comment",
            new AuthorizedKeyLine("alice", true, "ssh-ed25519", Key + "y").ToLine(ReceiveBinary.Default),
            new AuthorizedKeyLine("boss", true, "ssh-ed25519", Key + "z").ToLine(ReceiveBinary.Default));

        var keys = AuthorizedKeyLine.ParseAll(text);

        Assert.Equal([("alice", false), ("boss", true)], keys.Select(k => (k.Name, k.Admin)));
    }
}
