using Nap.Deployer.Apps;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Apps;

public sealed class KeyRingSpecs : IDisposable
{
    readonly TestDir dir = new();

    [Fact]
    public void The_ring_knows_each_key_by_its_forced_command_and_its_admins()
    {
        var file = Path.Combine(dir.Path, "authorized_keys");
        File.WriteAllText(file, Keys.AuthorizedKeys());

        var ring = new KeyRing(file);

        Assert.Equal([(Keys.Alice, false), (Keys.Bob, false), (Keys.Carol, false), (Keys.Boss, true)], ring.All.Select(k => (k.Name, k.Admin)));
    }

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
        Assert.True(ring.Find(Keys.Bob)!.Admin);
    }

    [Fact]
    public void No_file_means_no_keys() => Assert.Empty(new KeyRing(Path.Combine(dir.Path, "absent")).All);

    public void Dispose() => dir.Dispose();
}
