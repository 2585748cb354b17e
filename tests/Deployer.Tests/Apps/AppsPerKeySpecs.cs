using Nap.Deployer.Apps;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Apps;

public sealed class AppsPerKeySpecs
{
    [Fact]
    public async Task A_key_that_owns_as_many_apps_as_allowed_creates_no_more_and_nothing_is_left_of_the_refused_one()
    {
        await using var napd = await TestNapd.StartAsync(config: c => c.WithLimits(c.Limits.WithAppsPerKey(2)));
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "git-receive-pack", "one")).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "git-receive-pack", "two")).Code);

        var third = await napd.SendAsync(Keys.Alice, "git-receive-pack", "three");

        Assert.Equal((1, "key alice owns 2 apps, as many as this host allows (limits.appsPerKey in /etc/nap/napd.json): destroy one first\n"), (third.Code, third.Err));
        Assert.False(napd.Get<AppStateStore>().Exists("three"));
        Assert.False(Directory.Exists(napd.Paths.Repo("three")));
        // Pushing an app it owns is no new app; other keys and admins are not held to alice's count.
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "git-receive-pack", "one")).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Bob, "git-receive-pack", "three")).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Boss, "git-receive-pack", "four")).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Boss, "git-receive-pack", "five")).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Boss, "git-receive-pack", "six")).Code);
    }

    [Fact]
    public async Task Each_repository_refuses_a_push_larger_than_the_hosts_limit_as_git_receives_it()
    {
        await using var napd = await TestNapd.StartAsync(config: c => c.WithLimits(c.Limits with { PushBytes = 3 << 20 }));

        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");
        var work = napd.Dir.Sub("work");
        File.WriteAllText(Path.Combine(work, ".gitconfig"), "[core]\n\thooksPath = /dev/null\n");
        await Git.CommitAsync(work, new Dictionary<string, string> { ["big.txt"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6 << 20)) });

        var push = await Git.RunAsync(work, null, "push", napd.Paths.Repo("shop"), "master");

        Assert.NotEqual(0, push.Code);
        Assert.Contains("pack exceeds maximum allowed size", push.Err);
        using var repo = new LibGit2Sharp.Repository(napd.Paths.Repo("shop"));
        Assert.Equal(3L << 20, repo.Config.Get<long>("receive.maxInputSize")?.Value);
        Assert.Empty(repo.Branches);
    }
}
