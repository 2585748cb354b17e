using Nap.Deployer.Keys;

namespace Nap.Deployer.Tests.Core;

public sealed class KeyRingSpecs : IDisposable
{
    readonly TestDir dir = new();

    [Fact]
    public void The_forced_command_names_the_key_and_says_whether_it_is_an_admin()
    {
        var keys = AuthorizedKeysParser.Parse(Keys.AuthorizedKeys());

        Assert.Equal(
            [new(Keys.Alice, false), new(Keys.Bob, false), new(Keys.Carol, false), new AuthorizedKey(Keys.Boss, true)],
            keys);
    }

    [Fact]
    public void The_comment_does_not_name_a_key_the_command_does()
    {
        var key = AuthorizedKeysParser.ParseLine("""command="/usr/local/bin/nap-receive --key alice",restrict ssh-ed25519 AAAA boss --admin""");

        Assert.Equal(new AuthorizedKey("alice", false), key);
    }

    [Theory]
    [InlineData("ssh-ed25519 AAAA alice")]
    [InlineData("""command="/usr/local/bin/nap-receive",restrict ssh-ed25519 AAAA alice""")]
    [InlineData("""command="/usr/local/bin/nap-receive --key ../x",restrict ssh-ed25519 AAAA x""")]
    [InlineData("# command=\"/usr/local/bin/nap-receive --key alice\" ssh-ed25519 AAAA alice")]
    public void Lines_without_a_valid_nap_command_are_no_keys(string line) =>
        Assert.Empty(AuthorizedKeysParser.Parse(line));

    [Fact]
    public void The_ring_rereads_the_file_when_it_changes()
    {
        var file = Path.Combine(dir.Path, "authorized_keys");
        File.WriteAllText(file, Keys.Line("/x", Keys.Alice, admin: false));
        var ring = new KeyRing(file);
        Assert.True(ring.Exists(Keys.Alice));

        File.WriteAllText(file, Keys.Line("/x", Keys.Bob, admin: true));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(3));

        Assert.False(ring.Exists(Keys.Alice));
        Assert.True(ring.Find(Keys.Bob)!.IsAdmin);
    }

    [Fact]
    public void No_file_means_no_keys() => Assert.Empty(new KeyRing(Path.Combine(dir.Path, "absent")).All);

    public void Dispose() => dir.Dispose();
}
